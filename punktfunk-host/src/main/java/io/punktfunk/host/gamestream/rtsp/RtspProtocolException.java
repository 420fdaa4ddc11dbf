package io.punktfunk.host.gamestream.rtsp;

/** A request that is not valid RTSP (or not valid rtspenc); answered 400 where an answer is possible. */
public final class RtspProtocolException extends Exception {
    public RtspProtocolException(String message) {
        super(message);
    }
}
