package io.punktfunk.host.gamestream.video;

/**
 * The 8-byte frame header Sunshine puts before each access unit (gamestream.md §6.3); the client
 * strips it before the start code:
 *
 * <pre>
 *  0 u8   0x01 (this short header)     4 LE16 lastPayloadLen: bytes of frame data in the last packet
 *  1 LE16 host processing, 0.1 ms     6 u8[2] 0
 *  3 u8   frame type (1 P, 2 IDR)
 * </pre>
 */
final class VideoFrameHeader {
    static final int BYTES = 8;
    static final int TYPE_SHORT_HEADER = 0x01;
    static final int FRAME_TYPE_P = 1;
    static final int FRAME_TYPE_IDR = 2;

    private VideoFrameHeader() {
    }

    /**
     * Writes the header at {@code dst[off]}.
     *
     * @param frameBytes   header plus access unit
     * @param payloadBytes frame bytes each packet carries (packet size − 16)
     */
    static void write(byte[] dst, int off, int processingTenthsMs, int frameType, int frameBytes, int payloadBytes) {
        int last = frameBytes % payloadBytes;
        if (last == 0) {
            last = payloadBytes;
        }
        int latency = Math.clamp(processingTenthsMs, 0, 0xFFFF);
        dst[off] = TYPE_SHORT_HEADER;
        dst[off + 1] = (byte) latency;
        dst[off + 2] = (byte) (latency >>> 8);
        dst[off + 3] = (byte) frameType;
        dst[off + 4] = (byte) last;
        dst[off + 5] = (byte) (last >>> 8);
        dst[off + 6] = 0;
        dst[off + 7] = 0;
    }
}
