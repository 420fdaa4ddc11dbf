package io.punktfunk.host.gamestream.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeiFilterTest {
    private static final byte[] SC4 = {0, 0, 0, 1};
    private static final byte[] SC3 = {0, 0, 1};

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] strip(byte[] au, boolean hevc) {
        byte[] copy = Arrays.copyOf(au, au.length + 7); // bytes past length must be left alone
        Arrays.fill(copy, au.length, copy.length, (byte) 0x5A);
        int n = SeiFilter.strip(copy, au.length, hevc);
        return Arrays.copyOf(copy, n);
    }

    @Test
    void h264SeiBetweenPpsAndSliceGoesAndEverythingElseStays() {
        byte[] sps = {0x67, 0x42, 0x00, 0x1f};
        byte[] pps = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};
        byte[] sei = new byte[700]; // x264's settings string
        sei[0] = 0x06;
        Arrays.fill(sei, 1, sei.length, (byte) 0x41);
        byte[] idr = {0x65, (byte) 0x88, (byte) 0x84, 0x00, 0x21};
        byte[] au = concat(SC4, sps, SC4, pps, SC4, sei, SC3, idr);
        assertThat(strip(au, false)).isEqualTo(concat(SC4, sps, SC4, pps, SC3, idr));
    }

    @Test
    void hevcPrefixAndSuffixSeiGoParameterSetsAndSlicesStay() {
        byte[] vps = {0x40, 0x01, 0x0c};
        byte[] sps = {0x42, 0x01, 0x01};
        byte[] pps = {0x44, 0x01, (byte) 0xc1};
        byte[] prefixSei = {0x4e, 0x01, 0x05, 0x10, 0x20}; // type 39
        byte[] idr = {0x26, 0x01, (byte) 0xaf, 0x00}; // type 19
        byte[] slice2 = {0x26, 0x01, 0x12};
        byte[] suffixSei = {0x50, 0x01, 0x33}; // type 40
        byte[] au = concat(SC4, vps, SC4, sps, SC4, pps, SC4, prefixSei, SC4, idr, SC3, slice2, SC4, suffixSei);
        assertThat(strip(au, true)).isEqualTo(concat(SC4, vps, SC4, sps, SC4, pps, SC4, idr, SC3, slice2));
    }

    @Test
    void aUnitWithoutSeiIsUntouchedAndNalTypesAreReadPerCodec() {
        byte[] pSlice = {0x41, (byte) 0x9a, 0x02, 0x00, 0x00, 0x03, 0x01}; // H.264 type 1 with emulation prevention
        byte[] au = concat(SC4, pSlice);
        assertThat(strip(au, false)).isEqualTo(au);
        // 0x4e is an HEVC SEI, but as H.264 it is type 14: kept
        byte[] hevcSeiHeader = concat(SC4, new byte[] {0x4e, 0x01, 0x05}, SC4, pSlice);
        assertThat(strip(hevcSeiHeader, false)).isEqualTo(hevcSeiHeader);
        assertThat(strip(hevcSeiHeader, true)).isEqualTo(concat(SC4, pSlice));
    }

    @Test
    void onlySeiOrNoStartCodeOrEmpty() {
        assertThat(strip(concat(SC4, new byte[] {0x06, 0x05, 0x01}), false)).isEmpty();
        byte[] junk = {1, 2, 3, 4, 5};
        assertThat(strip(junk, false)).isEqualTo(junk);
        assertThat(strip(new byte[0], true)).isEmpty();
        byte[] cut = {0, 0, 1}; // a start code with nothing after it
        assertThat(strip(cut, true)).isEqualTo(cut);
    }
}
