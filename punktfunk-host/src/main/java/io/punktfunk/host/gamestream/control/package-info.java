/**
 * The GameStream control stream (reference gamestream.md §5.2–5.3): the AES-128-GCM message envelope and
 * the message types on top of the ENet layer ({@code io.punktfunk.host.gamestream.enet}).
 *
 * <p><b>Wiring</b> (on RTSP PLAY of a launch; one server per launch session):
 * <pre>{@code
 * GameStreamControlServer control = GameStreamControlServer.start(
 *         new InetSocketAddress(GameStreamControlServer.DEFAULT_PORT), // or the port announced in SETUP
 *         rikey,                        // 16 bytes from /launch?rikey=
 *         connectData,                  // the X-SS-Connect-Data value sent in SETUP streamid=control
 *         inputSink,                    // e.g. an InputSink over HostInput's pump: event -> pump.offer(event)
 *         encoder::requestKeyframe,     // 0x0302 / 0x0301
 *         new ControlStreamListener() { ... });   // connected, fecStatus, disconnected
 * hostInputBackendRumble -> control.onRumble(pad, low, high);  // it is a RumbleListener (0x010b)
 * ...
 * control.terminate(ControlMessageType.TERMINATION_GRACEFUL);  // at session end, then
 * control.close();
 * }</pre>
 * All listener and sink calls come from the ENet I/O thread and must not block; {@code onRumble},
 * {@code triggerRumble}, {@code hdrMode} and {@code terminate} may be called from any thread.
 */
package io.punktfunk.host.gamestream.control;
