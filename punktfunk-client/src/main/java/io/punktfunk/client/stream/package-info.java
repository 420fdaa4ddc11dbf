/**
 * The client's streaming session: connect and handshake, data-plane receive, decode thread,
 * presenter or headless verifier, keyframe requests on loss, and audio through a jitter buffer.
 */
package io.punktfunk.client.stream;
