package io.punktfunk.host.gamestream.client.control;

import io.punktfunk.host.gamestream.client.enet.EnetTestClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of the encrypted control stream, written from the reference (gamestream.md §5.2) with the
 * JDK's own AES-GCM: messages are {@code LE16 1 ‖ LE16 len ‖ LE32 seq ‖ tag ‖ GCM(LE16 type ‖ LE16 n ‖ payload)}
 * with IV {@code LE32 seq ‖ 0 × 6 ‖ 'C' 'C'} going up and {@code … 'H' 'C'} coming down.
 */
public final class ControlTestClient {
    /** A decrypted message from the host. */
    public record Message(int seq, int type, byte[] payload) {
    }

    private final EnetTestClient enet;
    private final SecretKeySpec key;
    private int seq;

    public ControlTestClient(EnetTestClient enet, byte[] key) {
        this.enet = enet;
        this.key = new SecretKeySpec(key, "AES");
    }

    public EnetTestClient enet() {
        return enet;
    }

    static byte[] iv(int seq, char direction) {
        byte[] iv = new byte[12];
        ByteBuffer.wrap(iv).order(ByteOrder.LITTLE_ENDIAN).putInt(seq);
        iv[10] = (byte) direction;
        iv[11] = 'C';
        return iv;
    }

    /** The encrypted message bytes for {@code type}/{@code payload}, with the next sequence number. */
    public synchronized byte[] seal(int type, byte[] payload) {
        try {
            ByteBuffer plain = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
            plain.putShort((short) type).putShort((short) payload.length).put(payload);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv(seq, 'C')));
            byte[] sealed = c.doFinal(plain.array()); // ciphertext ‖ tag
            int ct = sealed.length - 16;
            ByteBuffer m = ByteBuffer.allocate(24 + ct).order(ByteOrder.LITTLE_ENDIAN);
            m.putShort((short) 1).putShort((short) (4 + 16 + ct)).putInt(seq);
            m.put(sealed, ct, 16).put(sealed, 0, ct);
            seq++;
            return m.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seals and sends one message reliably on {@code channel}. */
    public void send(int channel, int type, byte[] payload) {
        enet.sendReliable(channel, seal(type, payload));
    }

    /** The next host message, decrypted; fails on anything that does not open. Null after {@code timeout}. */
    public Message receive(Duration timeout) throws InterruptedException {
        EnetTestClient.Packet p = enet.poll(timeout);
        if (p == null) {
            return null;
        }
        ByteBuffer m = ByteBuffer.wrap(p.data()).order(ByteOrder.LITTLE_ENDIAN);
        if (m.getShort(0) != 1 || (m.getShort(2) & 0xFFFF) != p.data().length - 4) {
            throw new AssertionError("not an encrypted control message: " + Arrays.toString(p.data()));
        }
        int s = m.getInt(4);
        int ct = p.data().length - 24;
        byte[] sealed = new byte[ct + 16];
        System.arraycopy(p.data(), 24, sealed, 0, ct);
        System.arraycopy(p.data(), 8, sealed, ct, 16);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv(s, 'H')));
            ByteBuffer plain = ByteBuffer.wrap(c.doFinal(sealed)).order(ByteOrder.LITTLE_ENDIAN);
            int type = plain.getShort() & 0xFFFF;
            int len = plain.getShort() & 0xFFFF;
            if (len != plain.remaining()) {
                throw new AssertionError("inner length " + len + " but " + plain.remaining() + " bytes");
            }
            byte[] payload = new byte[len];
            plain.get(payload);
            return new Message(s, type, payload);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("host message does not open with IV 'H','C' and seq " + s, e);
        }
    }
}
