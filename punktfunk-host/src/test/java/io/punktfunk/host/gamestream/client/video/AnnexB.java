package io.punktfunk.host.gamestream.client.video;

import java.util.ArrayList;
import java.util.List;

/** H.264 and HEVC Annex-B scanning for the test client: the NAL unit types of an access unit, in order. */
public final class AnnexB {
    private AnnexB() {
    }

    /** Types (low 5 bits of the byte after each 00 00 01 start code). */
    public static List<Integer> h264NalTypes(byte[] au) {
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i + 3 < au.length; i++) {
            if (au[i] == 0 && au[i + 1] == 0 && au[i + 2] == 1) {
                types.add(au[i + 3] & 0x1F);
                i += 2;
            }
        }
        return types;
    }

    /** Whether the unit begins with a start code (3 or 4 bytes), as the client requires after the frame header. */
    public static boolean startsWithStartCode(byte[] au) {
        return au.length > 4 && au[0] == 0 && au[1] == 0 && (au[2] == 1 || (au[2] == 0 && au[3] == 1));
    }

    /** Whether the unit's NAL types begin SPS (7), PPS (8), then an IDR slice (5), ignoring a leading AUD (9) or SEI (6). */
    public static boolean idrWithParameterSets(byte[] au) {
        List<Integer> t = new ArrayList<>(h264NalTypes(au));
        while (!t.isEmpty() && (t.getFirst() == 9 || t.getFirst() == 6)) {
            t.removeFirst();
        }
        if (t.size() < 3 || t.get(0) != 7 || t.get(1) != 8) {
            return false;
        }
        for (int i = 2; i < t.size(); i++) {
            if (t.get(i) == 5) {
                return true;
            }
            if (t.get(i) != 6) {
                return false; // SEI may sit between PPS and the slice; anything else may not
            }
        }
        return false;
    }

    /** HEVC types (bits 1..6 of the first NAL header byte after each 00 00 01 start code). */
    public static List<Integer> hevcNalTypes(byte[] au) {
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i + 3 < au.length; i++) {
            if (au[i] == 0 && au[i + 1] == 0 && au[i + 2] == 1) {
                types.add((au[i + 3] & 0x7E) >> 1);
                i += 2;
            }
        }
        return types;
    }

    /**
     * Whether an HEVC unit begins VPS (32), SPS (33), PPS (34), then prefix SEI (39) only until an
     * IRAP slice (16..21: BLA, IDR, CRA; Moonlight takes any of them as a keyframe's picture data),
     * ignoring a leading AUD (35) or SEI: what the client splits off as parameter sets before the
     * picture data of a keyframe.
     */
    public static boolean hevcIdrWithParameterSets(byte[] au) {
        List<Integer> t = new ArrayList<>(hevcNalTypes(au));
        while (!t.isEmpty() && (t.getFirst() == 35 || t.getFirst() == 39)) {
            t.removeFirst();
        }
        if (t.size() < 4 || t.get(0) != 32 || t.get(1) != 33 || t.get(2) != 34) {
            return false;
        }
        for (int i = 3; i < t.size(); i++) {
            if (t.get(i) >= 16 && t.get(i) <= 21) {
                return true;
            }
            if (t.get(i) != 39) {
                return false;
            }
        }
        return false;
    }

    /**
     * Where the start code of the unit's first slice begins (H.264 types 1..5; HEVC types 0..31),
     * or -1. Moonlight finds an IDR only when this lies in the frame's first packet.
     */
    public static int firstSliceOffset(byte[] au, boolean hevc) {
        for (int i = 0; i + 3 < au.length; i++) {
            if (au[i] == 0 && au[i + 1] == 0 && au[i + 2] == 1) {
                int type = hevc ? (au[i + 3] & 0x7E) >> 1 : au[i + 3] & 0x1F;
                if (hevc ? type <= 31 : type >= 1 && type <= 5) {
                    return i;
                }
                i += 2;
            }
        }
        return -1;
    }
}
