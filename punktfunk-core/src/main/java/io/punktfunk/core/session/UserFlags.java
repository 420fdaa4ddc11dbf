package io.punktfunk.core.session;

/**
 * Values of the header's {@code user_flags} word (punktfunk-reference.md §1.2). The session passes
 * them through untouched; these names let host and client agree on what they mean.
 */
public final class UserFlags {
    /** Intra-refresh wave complete: a loss-free coded P frame the decoder can restart from. */
    public static final int RECOVERY_POINT = 0x10;
    /** RFI/LTR clean re-anchor P frame. */
    public static final int RECOVERY_ANCHOR = 0x20;
    /** Idle keep-alive re-encode (no new content). */
    public static final int REPEAT = 0x100;
    /**
     * IDR / keyframe. Not in the reference table (the Rust host infers IDR from the bitstream);
     * punktfunk-java sets it so the client can end a keyframe request without parsing NAL units.
     * Peers that do not know it ignore it.
     */
    public static final int KEYFRAME = 0x400;

    private UserFlags() {
    }
}
