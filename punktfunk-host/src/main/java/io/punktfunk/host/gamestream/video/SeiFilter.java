package io.punktfunk.host.gamestream.video;

/**
 * Removes SEI NAL units from an H.264 or HEVC Annex-B access unit, in place. Moonlight finds an
 * IDR only if its first slice starts inside the frame's <em>first packet</em> (it splits the
 * parameter sets off that packet alone), and it drops SEI anyway. Encoders put large SEI there:
 * x265 writes its whole settings string (over 1 KB) before the first IDR slice, so with
 * Moonlight's 1024-byte packets the client never saw an IDR and waited for one forever; x264
 * writes ~700 bytes on its first IDR. SEI carries nothing the client's decoder needs here.
 */
final class SeiFilter {
    private static final int H264_SEI = 6;
    private static final int HEVC_PREFIX_SEI = 39;
    private static final int HEVC_SUFFIX_SEI = 40;

    private SeiFilter() {
    }

    /**
     * Compacts {@code au[0, length)} without its SEI NAL units (each with its start code, 3 or 4
     * bytes) and returns the new length. Bytes before the first start code are kept. Allocates nothing.
     */
    static int strip(byte[] au, int length, boolean hevc) {
        int write = 0;
        int unit = -1; // start of the current NAL unit's start code, -1 before the first
        boolean keep = true;
        int i = 0;
        while (i + 3 <= length) {
            if (au[i] == 0 && au[i + 1] == 0 && au[i + 2] == 1) {
                int start = i > 0 && au[i - 1] == 0 && i - 1 >= Math.max(unit, 0) ? i - 1 : i;
                write = flush(au, unit < 0 ? 0 : unit, start, keep, write);
                unit = start;
                keep = i + 3 >= length || !isSei(au[i + 3], hevc);
                i += 3;
            } else {
                i++;
            }
        }
        return flush(au, unit < 0 ? 0 : unit, length, keep, write);
    }

    private static int flush(byte[] au, int from, int to, boolean keep, int write) {
        if (!keep || to <= from) {
            return write;
        }
        if (from != write) {
            System.arraycopy(au, from, au, write, to - from);
        }
        return write + to - from;
    }

    private static boolean isSei(byte header, boolean hevc) {
        if (hevc) {
            int type = (header & 0x7E) >> 1;
            return type == HEVC_PREFIX_SEI || type == HEVC_SUFFIX_SEI;
        }
        return (header & 0x1F) == H264_SEI;
    }
}
