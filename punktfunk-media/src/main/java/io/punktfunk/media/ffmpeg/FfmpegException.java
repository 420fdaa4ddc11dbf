package io.punktfunk.media.ffmpeg;

/** An FFmpeg call failed; the message names the call and FFmpeg's description of the error. */
public final class FfmpegException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errorCode;

    public FfmpegException(String message, int errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    /** FFmpeg's negative AVERROR code, or 0 when the failure was not an error code (e.g. a NULL). */
    public int errorCode() {
        return errorCode;
    }
}
