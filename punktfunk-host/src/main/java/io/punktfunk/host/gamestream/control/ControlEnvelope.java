package io.punktfunk.host.gamestream.control;

import io.punktfunk.core.crypto.PacketAead;
import io.punktfunk.core.crypto.PacketAeads;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The AES-128-GCM envelope of the encrypted control stream, one direction (reference gamestream.md §5.2):
 *
 * <pre>
 *  off 0  LE16 0x0001 (encrypted marker)
 *  off 2  LE16 length = 4 + 16 + ciphertext length
 *  off 4  LE32 sequence number (each side counts its own messages from 0)
 *  off 8  16-byte GCM tag
 *  off 24 AES-128-GCM(rikey) of  LE16 type ‖ LE16 payload length ‖ payload,  no AAD
 *  IV (12 bytes) = LE32 seq ‖ 6 zero bytes ‖ 'C','C' (client → host) or 'H','C' (host → client)
 * </pre>
 *
 * The tag sits in front of the ciphertext on the wire but after it in {@link PacketAead}'s in-place form,
 * so both directions go through a work buffer. Not thread-safe: one instance per direction and thread.
 */
public final class ControlEnvelope {
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Marker of an encrypted message. */
    public static final int ENCRYPTED_MARKER = 0x0001;
    /** Marker, length, sequence number and tag in front of the ciphertext. */
    public static final int HEADER_BYTES = 24;
    /** Type and length in front of the payload, inside the ciphertext. */
    public static final int INNER_HEADER_BYTES = 4;
    static final int TAG_BYTES = PacketAead.TAG_BYTES;

    private final PacketAead aead;
    private final byte[] nonce = new byte[PacketAead.NONCE_BYTES];
    private byte[] work = new byte[1024];
    private int openedType;
    private int openedSeq;

    /**
     * @param key   the 16-byte {@code rikey} of the launch
     * @param first first IV tag byte of this direction ('C' for client → host, 'H' for host → client)
     */
    public ControlEnvelope(byte[] key, char first) {
        if (key.length != 16) {
            throw new IllegalArgumentException("control stream key must be 16 bytes, got " + key.length);
        }
        this.aead = PacketAeads.create(key);
        nonce[10] = (byte) first;
        nonce[11] = 'C';
    }

    private void nonce(int seq) {
        LE32.set(nonce, 0, seq);
    }

    /**
     * Seals one message ({@code type}, {@code payload[off, off+len)}) with sequence number {@code seq} into
     * {@code out} at 0.
     *
     * @return bytes written ({@link #HEADER_BYTES} + 4 + len)
     */
    public int seal(int seq, int type, byte[] payload, int off, int len, byte[] out) {
        int text = INNER_HEADER_BYTES + len;
        ensureWork(text + TAG_BYTES);
        LE16.set(work, 0, (short) type);
        LE16.set(work, 2, (short) len);
        System.arraycopy(payload, off, work, INNER_HEADER_BYTES, len);
        nonce(seq);
        aead.seal(nonce, work, 0, 0, 0, text);
        LE16.set(out, 0, (short) ENCRYPTED_MARKER);
        LE16.set(out, 2, (short) (4 + TAG_BYTES + text));
        LE32.set(out, 4, seq);
        System.arraycopy(work, text, out, 8, TAG_BYTES);
        System.arraycopy(work, 0, out, HEADER_BYTES, text);
        return HEADER_BYTES + text;
    }

    /** Result of {@link #open}: not an encrypted message (marker or lengths wrong). */
    public static final int NOT_ENCRYPTED = -1;
    /** Result of {@link #open}: the tag did not verify. */
    public static final int BAD_TAG = -2;
    /** Result of {@link #open}: decrypted, but the inner length disagrees with the ciphertext. */
    public static final int BAD_INNER_LENGTH = -3;

    /**
     * Opens the message in {@code in[off, off+len)}. On success the payload is in {@link #plaintext()} from
     * offset {@link #INNER_HEADER_BYTES}, the type in {@link #openedType()}.
     *
     * @return payload length, or {@link #NOT_ENCRYPTED}, {@link #BAD_TAG}, {@link #BAD_INNER_LENGTH}
     */
    public int open(byte[] in, int off, int len) {
        if (len < HEADER_BYTES + INNER_HEADER_BYTES || (short) LE16.get(in, off) != ENCRYPTED_MARKER) {
            return NOT_ENCRYPTED;
        }
        int declared = (short) LE16.get(in, off + 2) & 0xFFFF;
        if (declared != len - 4) {
            return NOT_ENCRYPTED;
        }
        int seq = (int) LE32.get(in, off + 4);
        int text = len - HEADER_BYTES;
        ensureWork(text + TAG_BYTES);
        System.arraycopy(in, off + HEADER_BYTES, work, 0, text);
        System.arraycopy(in, off + 8, work, text, TAG_BYTES);
        nonce(seq);
        if (!aead.open(nonce, work, 0, 0, 0, text + TAG_BYTES)) {
            return BAD_TAG;
        }
        int payload = (short) LE16.get(work, 2) & 0xFFFF;
        if (payload != text - INNER_HEADER_BYTES) {
            return BAD_INNER_LENGTH;
        }
        openedType = (short) LE16.get(work, 0) & 0xFFFF;
        openedSeq = seq;
        return payload;
    }

    /** The buffer {@link #open} decrypted into (type and length at 0, payload at 4). */
    public byte[] plaintext() {
        return work;
    }

    public int openedType() {
        return openedType;
    }

    public int openedSeq() {
        return openedSeq;
    }

    private void ensureWork(int n) {
        if (work.length < n) {
            work = new byte[Math.max(n, 2 * work.length)];
        }
    }
}
