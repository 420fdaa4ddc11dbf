package io.punktfunk.control.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.ClientAuth;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.identity.SelfSignedCertificates;
import io.punktfunk.control.message.CloseCode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A man in the middle over real QUIC: it terminates TLS toward the client with its own host
 * certificate, dials the real host with its own client certificate, and forwards every control
 * byte unchanged. The victim types the right PIN; pairing must still fail on both legs.
 */
class RelayAttackTest {
    @TempDir
    Path tmp;

    @Test
    void relayWithOwnCertificatesCannotCompletePairing() throws Exception {
        try (Loopback lo = new Loopback(tmp); Relay relay = new Relay(lo.address())) {
            lo.host.pairingWindow().arm(Loopback.PIN, TimeUnit.MINUTES.toNanos(5));
            ControlClient victim = lo.client("victim");
            ControlConnection conn = victim.connect(relay.address(), null).get(10, TimeUnit.SECONDS);
            assertThat(conn.hostFingerprint()).isEqualTo(relay.hostSide.fingerprint()).isNotEqualTo(lo.host.fingerprint());

            assertThatThrownBy(() -> conn.pair(Loopback.PIN, "victim").get(40, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(t -> assertThat(((ControlException) t.getCause()).code()).isEqualTo(CloseCode.DENIED.code()));
            assertThat(lo.host.pairedClients().list()).as("the host paired nobody").isEmpty();
            assertThat(relay.forwardedBuffers()).as("the relay really carried the ceremony").isGreaterThanOrEqualTo(3);
        }
    }

    /** Byte-forwarding QUIC relay with its own identities on both legs. */
    static final class Relay implements AutoCloseable {
        final Identity hostSide = SelfSignedCertificates.generate("punktfunk");
        final Identity clientSide = SelfSignedCertificates.generate("punktfunk-client");
        private final EventLoopGroup group = QuicTransport.newGroup(1, "relay");
        private final Channel server;
        private final InetSocketAddress upstream;
        private volatile int forwarded;

        Relay(InetSocketAddress upstream) throws InterruptedException {
            this.upstream = upstream;
            ChannelHandler codec = new QuicServerCodecBuilder()
                    .sslContext(QuicSslContextBuilder.forServer(hostSide.privateKey(), null, hostSide.certificate())
                            .trustManager(ClientCertificateAcceptor.INSTANCE).clientAuth(ClientAuth.REQUIRE)
                            .applicationProtocols(QuicSettings.ALPN).build())
                    .maxIdleTimeout(30, TimeUnit.SECONDS) // scrypt on a loaded box can take seconds before the first byte
                    .initialMaxData(1 << 20).initialMaxStreamDataBidirectionalRemote(1 << 18)
                    .initialMaxStreamDataBidirectionalLocal(1 << 18).initialMaxStreamsBidirectional(4)
                    .tokenHandler(NoRetryTokenHandler.INSTANCE)
                    .handler(new ChannelInboundHandlerAdapter())
                    .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                        @Override
                        protected void initChannel(QuicStreamChannel victimStream) {
                            victimStream.config().setAutoRead(false);
                            dialUpstream(victimStream);
                        }
                    })
                    .build();
            server = new Bootstrap().group(group).channel(QuicTransport.datagramChannel()).handler(codec)
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.localAddress();
        }

        int forwardedBuffers() {
            return forwarded;
        }

        private void dialUpstream(QuicStreamChannel victimStream) {
            ChannelHandler codec = new QuicClientCodecBuilder()
                    .sslContext(QuicSslContextBuilder.forClient().keyManager(clientSide.privateKey(), null, clientSide.certificate())
                            .trustManager(new HostCertificateVerifier(null)).endpointIdentificationAlgorithm(null)
                            .applicationProtocols(QuicSettings.ALPN).build())
                    .maxIdleTimeout(30, TimeUnit.SECONDS) // scrypt on a loaded box can take seconds before the first byte
                    .initialMaxData(1 << 20).initialMaxStreamDataBidirectionalLocal(1 << 18)
                    .initialMaxStreamDataBidirectionalRemote(1 << 18)
                    .build();
            new Bootstrap().group(group).channel(QuicTransport.datagramChannel()).handler(codec).bind(0).addListener(b -> {
                Channel udp = ((io.netty.channel.ChannelFuture) b).channel();
                QuicChannel.newBootstrap(udp).handler(new ChannelInboundHandlerAdapter()).remoteAddress(upstream).connect()
                        .addListener(c -> {
                            QuicChannel up = (QuicChannel) c.getNow();
                            up.createStream(QuicStreamType.BIDIRECTIONAL, new Pipe(victimStream)).addListener(s -> {
                                QuicStreamChannel upStream = (QuicStreamChannel) s.getNow();
                                victimStream.pipeline().addLast(new Pipe(upStream));
                                victimStream.config().setOption(ChannelOption.AUTO_READ, true);
                                victimStream.read();
                            });
                        });
            });
        }

        /** Forwards whatever arrives to the other leg, and a close as a close. */
        private final class Pipe extends ChannelInboundHandlerAdapter {
            private final Channel to;

            Pipe(Channel to) {
                this.to = to;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                forwarded++;
                to.writeAndFlush(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                to.close();
            }
        }

        @Override
        public void close() {
            server.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }
}
