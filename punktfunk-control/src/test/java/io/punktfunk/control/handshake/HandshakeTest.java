package io.punktfunk.control.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.punktfunk.control.message.CloseCode;
import io.punktfunk.control.message.ControlProtocolException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private final HandshakePolicy policy = HandshakePolicy.defaults(47998);

    @Test
    void helloRoundTripsAndOptionalTailDefaults() throws Exception {
        Hello h = new Hello(1, new Mode(2560, 1440, 144), 1, 2, 80_000, "Laptop", "steam:570", 0x10, 6, 0x03, 0x01);
        ByteBuf buf = Unpooled.buffer();
        h.encode(buf);
        assertThat(Hello.decode(buf.copy())).isEqualTo(h);
        assertThat(buf.getIntLE(22)).as("bitrate at offset 22").isEqualTo(80_000);
        // an old client that stops after the launch id
        ByteBuf shortHello = buf.copy(0, buf.readableBytes() - 4);
        Hello old = Hello.decode(shortHello);
        assertThat(old.videoCodecs()).isZero();
        assertThat(old.audioChannels()).isEqualTo(2);
        // a newer client that appends fields
        ByteBuf longer = buf.copy().writeZero(9);
        assertThat(Hello.decode(longer)).isEqualTo(h);
    }

    @Test
    void welcomeIs68BytesAtTheDocumentedOffsets() throws ControlProtocolException {
        Hello h = Hello.of(new Mode(1920, 1080, 60), 3_500_000, VideoCodecs.H264, "x");
        Welcome w = ((HandshakePolicy.Outcome.Accepted) policy.negotiate(h, InetAddress.getLoopbackAddress())).welcome();
        ByteBuf buf = Unpooled.buffer();
        w.encode(buf);
        assertThat(buf.readableBytes()).isEqualTo(Welcome.BYTES);
        assertThat(buf.getUnsignedShortLE(8)).isEqualTo(47998);
        assertThat((int) buf.getUnsignedByte(22)).isEqualTo(1); // GF16
        assertThat((int) buf.getUnsignedByte(23)).isEqualTo(10);
        assertThat(buf.getUnsignedShortLE(24)).isEqualTo(4096);
        assertThat(buf.getUnsignedShortLE(26)).isEqualTo(1408);
        assertThat(buf.getIntLE(55)).as("bitrate clamped to 2 Gbps").isEqualTo(2_000_000);
        assertThat((int) buf.getUnsignedByte(66)).isEqualTo(VideoCodecs.H264);
        Welcome back = Welcome.decode(buf);
        assertThat(back.key()).isEqualTo(w.key());
        assertThat(back.salt()).isEqualTo(w.salt());
        assertThat(back.fec()).isEqualTo(w.fec());
    }

    @Test
    void eachWelcomeHasFreshKeys() {
        Hello h = Hello.of(new Mode(1920, 1080, 60), 0, 0, "x");
        Welcome a = ((HandshakePolicy.Outcome.Accepted) policy.negotiate(h, InetAddress.getLoopbackAddress())).welcome();
        Welcome b = ((HandshakePolicy.Outcome.Accepted) policy.negotiate(h, InetAddress.getLoopbackAddress())).welcome();
        assertThat(a.key()).isNotEqualTo(b.key());
        assertThat(a.codec()).as("client mask 0 means HEVC").isEqualTo(VideoCodecs.HEVC);
        assertThat(a.bitrateKbps()).isEqualTo(20_000);
    }

    @Test
    void refusalsCarryCodes() throws Exception {
        assertThat(policy.negotiate(Hello.of(new Mode(1920, 1080, 0), 0, 1, "x"), InetAddress.getLoopbackAddress()))
                .isInstanceOfSatisfying(HandshakePolicy.Outcome.Refused.class, r -> assertThat(r.code()).isEqualTo(CloseCode.BAD_MODE));
        assertThat(policy.negotiate(Hello.of(new Mode(1920, 1080, 60), 0, VideoCodecs.AV1, "x"), InetAddress.getLoopbackAddress()))
                .isInstanceOfSatisfying(HandshakePolicy.Outcome.Refused.class,
                        r -> assertThat(r.code()).isEqualTo(CloseCode.NO_SHARED_CODEC));
        assertThat(HandshakePolicy.shardPayloadFor(InetAddress.getByName("::1"))).isEqualTo(1388);
        assertThat(HandshakePolicy.shardPayloadFor(InetAddress.getByName("::ffff:10.0.0.1"))).isEqualTo(1408);
    }

    @Test
    void codecLadderAndPreference() {
        assertThat(VideoCodecs.resolve(0x07, 0x07, 0)).isEqualTo(VideoCodecs.HEVC);
        assertThat(VideoCodecs.resolve(0x05, 0x07, 0)).isEqualTo(VideoCodecs.AV1);
        assertThat(VideoCodecs.resolve(0x07, 0x07, VideoCodecs.H264)).isEqualTo(VideoCodecs.H264);
        assertThat(VideoCodecs.resolve(0x08, 0x0F, 0)).as("PyroWave only when preferred").isZero();
    }

    @Test
    void truncatedWelcomeIsMalformed() {
        assertThatThrownBy(() -> Welcome.decode(Unpooled.buffer().writeIntLE(0x31464B50).writeZero(20)))
                .isInstanceOf(ControlProtocolException.class);
    }
}
