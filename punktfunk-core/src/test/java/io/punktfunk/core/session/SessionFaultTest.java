package io.punktfunk.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.core.crypto.MediaKeys;
import io.punktfunk.core.transport.DatagramBatch;
import io.punktfunk.core.transport.ForwardingTransport;
import io.punktfunk.core.transport.LoopbackTransport;
import io.punktfunk.core.transport.Transport;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A thread that throws ends its own session with a reason, stops every thread and releases the socket. */
class SessionFaultTest {

    /** A transport seam that throws whatever {@code fault} holds once armed; counts closes. */
    static final class FaultyTransport extends ForwardingTransport {
        volatile Throwable sendFault;
        /** If set, only sends on a thread whose name ends with it throw. */
        volatile String sendFaultThread;
        volatile Throwable recvFault;
        final AtomicInteger sendCalls = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();

        FaultyTransport(Transport inner) {
            super(inner);
        }

        @Override
        public int sendBatch(DatagramBatch batch, int from, int to) {
            sendCalls.incrementAndGet();
            String only = sendFaultThread;
            if (only == null || Thread.currentThread().getName().endsWith(only)) {
                throwIf(sendFault);
            }
            return inner.sendBatch(batch, from, to);
        }

        @Override
        public int recvBatch(DatagramBatch batch) {
            throwIf(recvFault);
            return inner.recvBatch(batch);
        }

        @Override
        public int recvBatch(DatagramBatch batch, long timeoutNs) {
            throwIf(recvFault);
            return inner.recvBatch(batch, timeoutNs);
        }

        private static void throwIf(Throwable t) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }

        @Override
        public String backendName() {
            return "faulty";
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            inner.close();
        }
    }

    static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("timed out waiting for: %s", what).isNegative();
            Thread.sleep(5); // polling a condition another thread sets; bounded by the deadline
        }
    }

    @Test
    void sendThreadErrorEndsTheHostSessionWithItsReasonAndReleasesEverything() throws Exception {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        FaultyTransport faulty = new FaultyTransport(pair.left());
        CompletableFuture<SessionFault> told = new CompletableFuture<>();
        // frames beyond the pacer's burst go to the send thread
        try (HostMediaSession host = HostMediaSession.over(faulty, SessionTest.config(keys, 10)
                .pacing(new io.punktfunk.core.pacing.PacingConfig()).name("fh"));
             ClientMediaSession client = ClientMediaSession.over(pair.right(), SessionTest.config(keys, 10).name("fc"))) {
            host.onFault(told::complete);
            byte[] frame = new byte[200_000]; // beyond the 75 KB burst at 3 × 20 Mbit/s: paced by the send thread
            assertThat(host.submitFrame(frame, 0, frame.length, 0, 0, 0)).isTrue();
            assertThat(client.pollFrame(TimeUnit.SECONDS.toNanos(20))).as("cold first frame").isNotNull();

            faulty.sendFaultThread = "-send";
            faulty.sendFault = new AssertionError("injected: NIC on fire"); // an Error, not an exception
            host.submitFrame(frame, 0, frame.length, 1, 0, 0);
            SessionFault f = told.get(5, TimeUnit.SECONDS);
            assertThat(f.stage()).isEqualTo("send");
            assertThat(f.session()).isEqualTo("fh");
            assertThat(f.reason()).contains("send thread failed").contains("NIC on fire");
            assertThat(host.fault()).isSameAs(f);
            awaitTrue("socket released", () -> faulty.closes.get() == 1);
            assertThat(threadAlive("fh-seal")).as("seal thread exited").isFalse();
            assertThat(threadAlive("fh-send")).as("send thread exited").isFalse();
            assertThat(host.isRunning()).isFalse();

            // no retry storm: later frames are refused at once, nothing more reaches the transport
            int calls = faulty.sendCalls.get();
            long refusedBefore = host.stats().framesQueueDropped();
            for (int i = 2; i < 100; i++) {
                assertThat(host.submitFrame(frame, 0, frame.length, i, 0, 0)).isFalse();
            }
            assertThat(faulty.sendCalls.get()).isEqualTo(calls);
            assertThat(host.stats().framesQueueDropped()).isEqualTo(refusedBefore);

            // a listener set late is still told, once
            CompletableFuture<SessionFault> late = new CompletableFuture<>();
            host.onFault(late::complete);
            assertThat(late.getNow(null)).isSameAs(f);

            // the client session beside it is untouched
            assertThat(client.isRunning()).isTrue();
            assertThat(client.fault()).isNull();
        }
        assertThat(faulty.closes.get()).as("close after a fault closes nothing twice").isEqualTo(1);
    }

    @Test
    void sealThreadExceptionEndsTheSession() throws Exception {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        CompletableFuture<SessionFault> told = new CompletableFuture<>();
        FaultyTransport faulty = new FaultyTransport(pair.left());
        // a small frame with the send stage idle leaves from the seal thread itself (no hand-off)
        faulty.sendFaultThread = "-seal";
        faulty.sendFault = new IllegalStateException("injected: coder broke");
        try (HostMediaSession host = HostMediaSession.over(faulty, SessionTest.config(keys, 10)
                .pacing(new io.punktfunk.core.pacing.PacingConfig()).name("fs"))) {
            host.onFault(told::complete);
            byte[] frame = new byte[5_000];
            host.submitFrame(frame, 0, frame.length, 0, 0, 0);
            SessionFault f = told.get(5, TimeUnit.SECONDS);
            assertThat(f.stage()).isEqualTo("seal");
            assertThat(f.reason()).contains("coder broke");
            awaitTrue("threads exit", () -> !threadAlive("fs-seal") && !threadAlive("fs-send"));
        }
        pair.right().close();
    }

    @Test
    void receiveThreadFaultEndsTheClientSessionAndWakesThePoller() throws Exception {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        FaultyTransport faulty = new FaultyTransport(pair.right());
        CompletableFuture<SessionFault> told = new CompletableFuture<>();
        AtomicBoolean pollReturned = new AtomicBoolean();
        try (ClientMediaSession client = ClientMediaSession.over(faulty, SessionTest.config(keys, 10).name("rc"))) {
            client.onFault(told::complete);
            Thread poller = Thread.ofPlatform().start(() -> {
                client.pollFrame(TimeUnit.SECONDS.toNanos(30));
                pollReturned.set(true);
            });
            faulty.recvFault = new OutOfMemoryError("injected: no room");
            SessionFault f = told.get(5, TimeUnit.SECONDS);
            assertThat(f.stage()).isEqualTo("receive");
            assertThat(f.reason()).contains("no room");
            poller.join(5000);
            assertThat(pollReturned).as("a waiting pollFrame returns at once").isTrue();
            awaitTrue("socket released", () -> faulty.closes.get() == 1);
            assertThat(threadAlive("rc-recv")).isFalse();
            assertThat(client.pollFrame(1_000_000L)).isNull();
        }
        pair.left().close();
    }

    @Test
    void normalCloseIsNotAFault() {
        MediaKeys keys = MediaKeys.generate(new SecureRandom());
        LoopbackTransport.Pair pair = LoopbackTransport.pair(1 << 14, 2048);
        AtomicInteger faults = new AtomicInteger();
        HostMediaSession host = HostMediaSession.over(pair.left(), SessionTest.config(keys, 10).name("nh"));
        ClientMediaSession client = ClientMediaSession.over(pair.right(), SessionTest.config(keys, 10).name("nc"));
        host.onFault(f -> faults.incrementAndGet());
        client.onFault(f -> faults.incrementAndGet());
        host.close();
        client.close();
        assertThat(host.fault()).isNull();
        assertThat(client.fault()).isNull();
        assertThat(faults).hasValue(0);
    }
}
