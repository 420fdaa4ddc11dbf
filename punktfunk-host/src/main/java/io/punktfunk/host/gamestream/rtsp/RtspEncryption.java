package io.punktfunk.host.gamestream.rtsp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code rtspenc} framing (reference §3.2): every message in either direction is
 * <pre>
 *  0  BE32 0x80000000 | plaintext length   (bit 31: encrypted)
 *  4  BE32 sequence number
 *  8  16-byte AES-GCM tag
 * 24  AES-128-GCM ciphertext of the whole RTSP message, no AAD
 * </pre>
 * under the launch's {@code rikey}, IV = LE32(seq) ‖ 6 zero bytes ‖ 'C' 'R' (client to host) or
 * 'H' 'R' (host to client), so the two directions never share a nonce.
 */
public final class RtspEncryption {
    public static final int HEADER_BYTES = 24;
    public static final int ENCRYPTED_FLAG = 0x8000_0000;
    private static final int TAG_BYTES = 16;

    private RtspEncryption() {
    }

    /** The 12-byte IV for {@code seq}; {@code fromHost} picks 'H' or 'C'. */
    public static byte[] iv(long seq, boolean fromHost) {
        byte[] iv = new byte[12];
        ByteBuffer.wrap(iv).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) seq);
        iv[10] = (byte) (fromHost ? 'H' : 'C');
        iv[11] = 'R';
        return iv;
    }

    /** Seals {@code plaintext} as one rtspenc message. */
    public static byte[] seal(byte[] key, long seq, boolean fromHost, byte[] plaintext) {
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, iv(seq, fromHost), plaintext);
        int n = plaintext.length;
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + n);
        out.putInt(ENCRYPTED_FLAG | n).putInt((int) seq);
        out.put(sealed, n, TAG_BYTES).put(sealed, 0, n);
        return out.array();
    }

    /**
     * Opens a message whose 24-byte header is {@code header} and whose ciphertext is {@code
     * ciphertext}; throws {@link RtspProtocolException} for a bad flag, length or tag.
     */
    public static byte[] open(byte[] key, byte[] header, byte[] ciphertext, boolean fromHost) throws RtspProtocolException {
        ByteBuffer h = ByteBuffer.wrap(header);
        int typeAndLength = h.getInt(0);
        if ((typeAndLength & ENCRYPTED_FLAG) == 0) {
            throw new RtspProtocolException("rtspenc message without the encrypted flag");
        }
        if ((typeAndLength & ~ENCRYPTED_FLAG) != ciphertext.length) {
            throw new RtspProtocolException("rtspenc length does not match the ciphertext");
        }
        long seq = Integer.toUnsignedLong(h.getInt(4));
        byte[] joined = new byte[ciphertext.length + TAG_BYTES];
        System.arraycopy(ciphertext, 0, joined, 0, ciphertext.length);
        System.arraycopy(header, 8, joined, ciphertext.length, TAG_BYTES);
        try {
            return gcm(Cipher.DECRYPT_MODE, key, iv(seq, fromHost), joined);
        } catch (IllegalStateException e) {
            throw new RtspProtocolException("rtspenc message failed authentication (wrong key or tampered)");
        }
    }

    /** The plaintext length announced by a header (the flag bit masked off). */
    public static int length(byte[] header) {
        return ByteBuffer.wrap(header).getInt(0) & ~ENCRYPTED_FLAG;
    }

    /** The sequence number of a header. */
    public static long sequence(byte[] header) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(header).getInt(4));
    }

    private static byte[] gcm(int mode, byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            return c.doFinal(data);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("bad tag", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}
