/**
 * The host's per-client streaming session: capture → encode → data plane, keyframe/bitrate/probe
 * handling, Opus audio over control-plane datagrams, and teardown when the client leaves.
 */
package io.punktfunk.host.stream;
