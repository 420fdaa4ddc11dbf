package io.punktfunk.host.gamestream;

/**
 * Where a GameStream launch stands (docs/gamestream.md, "Launch and session states").
 * <pre>
 *  LAUNCHED ──ANNOUNCE──▶ ANNOUNCED ──PLAY──▶ STREAMING
 *      └──────────────────────┴──────────────────┴──▶ ENDED (cancel, disconnect, failure, host stop)
 * </pre>
 */
public enum SessionState {
    /** /launch accepted: keys and ids exist, RTSP may start. */
    LAUNCHED,
    /** RTSP ANNOUNCE parsed: the stream parameters are known. */
    ANNOUNCED,
    /** RTSP PLAY: control, video and audio run. */
    STREAMING,
    /** Over; the slot is free again. */
    ENDED
}
