package io.punktfunk.host.gamestream.client.rtsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Moonlight's RTSP side, written from reference §3: one request per TCP connection, read until the
 * host closes; plaintext or rtspenc (24-byte header: BE32 0x80000000|length, BE32 seq, 16-byte tag,
 * then AES-128-GCM ciphertext; IV LE32(seq) ‖ zeros ‖ 'C''R' for requests, 'H''R' for answers).
 */
public final class RtspTestClient {
    private final String host;
    private final int port;
    private final byte[] rikey;
    private int cseq;
    private int encSeq;
    private String session;

    /** {@code rikey} null for plaintext RTSP. */
    public RtspTestClient(String host, int port, byte[] rikey) {
        this.host = host;
        this.port = port;
        this.rikey = rikey;
    }

    /** A parsed answer. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public Response options() throws IOException {
        return send("OPTIONS", "rtsp://" + host + ":" + port, Map.of(), "");
    }

    public Response describe() throws IOException {
        return send("DESCRIBE", "rtsp://" + host + ":" + port,
                Map.of("Accept", "application/sdp", "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"), "");
    }

    /** SETUP of {@code streamid=audio/0/0}, {@code video/0/0} or {@code control/13/0}; remembers the Session token. */
    public Response setup(String stream) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Transport", "unicast;X-GS-ClientPort=50000-50001");
        if (session != null) {
            h.put("Session", session);
        }
        Response r = send("SETUP", "streamid=" + stream, h, "");
        if (r.status() == 200 && r.header("Session") != null) {
            session = r.header("Session").split(";")[0].strip();
        }
        return r;
    }

    public Response announce(String sdp) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Session", session);
        h.put("Content-type", "application/sdp");
        h.put("Content-length", String.valueOf(sdp.getBytes(StandardCharsets.UTF_8).length));
        return send("ANNOUNCE", "streamid=control/13/0", h, sdp);
    }

    public Response play() throws IOException {
        return send("PLAY", "/", Map.of("Session", session), "");
    }

    /** The ANNOUNCE body moonlight-common-c sends (reference §3.5), with the values given, for H.264. */
    public static String announceBody(int width, int height, int fps, int packetSize, int bitrateKbps, int minFec,
                                      int encryptionEnabled, int nvFeatureFlags) {
        return announceBody(width, height, fps, packetSize, bitrateKbps, minFec, encryptionEnabled, nvFeatureFlags, 0);
    }

    /** As above with {@code bitStreamFormat} (0 H.264, 1 HEVC, 2 AV1). */
    public static String announceBody(int width, int height, int fps, int packetSize, int bitrateKbps, int minFec,
                                      int encryptionEnabled, int nvFeatureFlags, int bitStreamFormat) {
        StringBuilder sb = new StringBuilder("v=0\r\no=android 0 14 IN IPv4 127.0.0.1\r\ns=NVIDIA Streaming Client\r\n");
        a(sb, "x-nv-video[0].clientViewportWd", width);
        a(sb, "x-nv-video[0].clientViewportHt", height);
        a(sb, "x-nv-video[0].maxFPS", fps);
        a(sb, "x-nv-video[0].packetSize", packetSize);
        a(sb, "x-nv-video[0].rateControlMode", 4);
        a(sb, "x-nv-video[0].timeoutLengthMs", 7000);
        a(sb, "x-nv-video[0].framesWithInvalidRefThreshold", 0);
        a(sb, "x-nv-vqos[0].bw.maximumBitrateKbps", bitrateKbps);
        a(sb, "x-nv-vqos[0].bw.minimumBitrateKbps", bitrateKbps);
        a(sb, "x-ml-video.configuredBitrateKbps", bitrateKbps + 2000);
        a(sb, "x-nv-vqos[0].fec.enable", 1);
        a(sb, "x-nv-vqos[0].fec.minRequiredFecPackets", minFec);
        a(sb, "x-nv-vqos[0].bitStreamFormat", bitStreamFormat);
        a(sb, "x-nv-video[0].videoEncoderSlicesPerFrame", 1);
        a(sb, "x-nv-video[0].maxNumReferenceFrames", 1);
        a(sb, "x-nv-video[0].dynamicRangeMode", 0);
        a(sb, "x-nv-video[0].encoderCscMode", 0);
        a(sb, "x-nv-audio.surround.numChannels", 2);
        a(sb, "x-nv-audio.surround.channelMask", 3);
        a(sb, "x-nv-audio.surround.enable", 0);
        a(sb, "x-nv-audio.surround.AudioQuality", 0);
        a(sb, "x-nv-aqos.packetDuration", 5);
        a(sb, "x-nv-general.useReliableUdp", 13);
        a(sb, "x-nv-general.featureFlags", nvFeatureFlags);
        a(sb, "x-ss-general.encryptionEnabled", encryptionEnabled);
        a(sb, "x-ml-general.featureFlags", 3);
        a(sb, "x-nv-vqos[0].qosTrafficType", 5);
        a(sb, "x-nv-aqos.qosTrafficType", 4);
        sb.append("t=0 0\r\nm=video 47998  \r\n");
        return sb.toString();
    }

    private static void a(StringBuilder sb, String name, int value) {
        sb.append("a=").append(name).append(':').append(value).append(" \r\n");
    }

    /** One request on a fresh connection. */
    public Response send(String method, String target, Map<String, String> headers, String body) throws IOException {
        StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" RTSP/1.0\r\n");
        sb.append("CSeq: ").append(++cseq).append("\r\n");
        sb.append("X-GS-ClientVersion: 14\r\n");
        sb.append("Host: ").append(host).append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("\r\n").append(body);
        return exchange(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code raw} (sealed first when encrypted) and parses what comes back. */
    public Response exchange(byte[] raw) throws IOException {
        byte[] answer = rawExchange(rikey == null ? raw : seal(raw));
        if (answer.length == 0) {
            return new Response(-1, Map.of(), "");
        }
        return parse(rikey == null ? answer : open(answer));
    }

    /** Sends bytes as they are, returns all bytes until the host closes. */
    public byte[] rawExchange(byte[] bytes) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(15_000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            s.shutdownOutput(); // the request is complete: a truncated one shows as such, without waiting for a timeout
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    public static byte[] iv(int seq, char direction) {
        byte[] iv = new byte[12];
        ByteBuffer.wrap(iv).order(ByteOrder.LITTLE_ENDIAN).putInt(0, seq);
        iv[10] = (byte) direction;
        iv[11] = 'R';
        return iv;
    }

    private byte[] seal(byte[] plain) throws IOException {
        int seq = ++encSeq;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(rikey, "AES"), new GCMParameterSpec(128, iv(seq, 'C')));
            byte[] ct = c.doFinal(plain);
            ByteBuffer b = ByteBuffer.allocate(24 + plain.length);
            b.putInt(0x80000000 | plain.length).putInt(seq).put(ct, plain.length, 16).put(ct, 0, plain.length);
            return b.array();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private byte[] open(byte[] msg) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(msg);
        int lenField = b.getInt();
        if ((lenField & 0x80000000) == 0) {
            throw new IOException("answer is not encrypted: " + new String(msg, StandardCharsets.ISO_8859_1));
        }
        int len = lenField & 0x7fffffff;
        int seq = b.getInt();
        if (msg.length != 24 + len) {
            throw new IOException("answer length " + msg.length + " != 24 + " + len);
        }
        byte[] joined = new byte[len + 16];
        System.arraycopy(msg, 24, joined, 0, len);
        System.arraycopy(msg, 8, joined, len, 16);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(rikey, "AES"), new GCMParameterSpec(128, iv(seq, 'H')));
            return c.doFinal(joined);
        } catch (Exception e) {
            throw new IOException("answer failed authentication", e);
        }
    }

    private static Response parse(byte[] msg) throws IOException {
        String text = new String(msg, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new IOException("no header end in: " + text);
        }
        String[] lines = text.substring(0, split).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (!status[0].equals("RTSP/1.0")) {
            throw new IOException("not RTSP: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l : Arrays.copyOfRange(lines, 1, lines.length)) {
            int c = l.indexOf(':');
            headers.put(l.substring(0, c).strip().toLowerCase(Locale.ROOT), l.substring(c + 1).strip());
        }
        return new Response(Integer.parseInt(status[1]), headers, text.substring(split + 4));
    }
}
