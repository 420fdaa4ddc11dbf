/**
 * The Java side of the C ABI ({@code punktfunk_core.h}, {@code libpunktfunk_client.so}): the C shim
 * calls {@link io.punktfunk.embed.EmbedBridge} through JNI, which runs the client and writes the
 * C structs through FFM ({@link io.punktfunk.embed.AbiLayouts}). See docs/embedding.md.
 */
package io.punktfunk.embed;
