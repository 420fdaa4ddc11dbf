package io.punktfunk.client.stream;

import io.punktfunk.control.message.AudioFrame;
import io.punktfunk.media.audio.AudioDecoder;
import io.punktfunk.media.audio.AudioPlayer;
import io.punktfunk.media.audio.JitterBuffer;
import io.punktfunk.media.audio.OpusAudioDecoder;
import io.punktfunk.media.audio.PcmFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's audio thread. Opus datagrams arrive on the control plane's event loop
 * ({@link #offer}, which only queues); this thread decodes them into a small {@link JitterBuffer}
 * and releases one 10 ms frame to the {@link AudioPlayer} every 10 ms on its own clock, so a
 * device-less player (which returns at once) is paced the same as a real one.
 */
final class AudioReceiver implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AudioReceiver.class);
    /** 30 ms before playback starts: covers LAN jitter of the datagrams. */
    static final int TARGET_DEPTH = 3;
    private static final int CAPACITY = 50;

    private final ArrayBlockingQueue<AudioFrame> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AudioPlayer player;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long received;
    private volatile long queueDropped;
    private volatile long played;
    private volatile long concealed;
    private volatile long decodeErrors;

    AudioReceiver(AudioPlayer player) {
        this.player = player;
        this.thread = Thread.ofPlatform().name("pkf-client-audio").daemon().unstarted(this);
    }

    void start() {
        thread.start();
    }

    /** Event loop: hands one datagram over; drops it if this thread has fallen far behind. */
    void offer(AudioFrame frame) {
        received++;
        if (!queue.offer(frame)) {
            queueDropped++;
        }
    }

    @Override
    public void run() {
        short[] pcm = PcmFormat.newFrame();
        short[] out = PcmFormat.newFrame();
        JitterBuffer jitter = new JitterBuffer(CAPACITY, TARGET_DEPTH);
        try (AudioDecoder decoder = OpusAudioDecoder.open()) {
            long nextPlayNs = 0;
            while (running) {
                long waitNs = nextPlayNs == 0 ? TimeUnit.MILLISECONDS.toNanos(50) : nextPlayNs - System.nanoTime();
                AudioFrame f = waitNs > 0 ? queue.poll(waitNs, TimeUnit.NANOSECONDS) : queue.poll();
                while (f != null) {
                    byte[] opus = f.opus();
                    if (decoder.decode(opus, 0, opus.length, pcm) > 0) {
                        jitter.offer(f.seq() & 0xFFFF_FFFFL, pcm);
                    }
                    f = queue.poll();
                }
                decodeErrors = decoder.errors();
                long now = System.nanoTime();
                if (nextPlayNs == 0) {
                    if (jitter.depth() < TARGET_DEPTH) {
                        continue;
                    }
                    nextPlayNs = now;
                }
                if (now >= nextPlayNs) {
                    switch (jitter.poll(out)) {
                        case PLAYED -> played++;
                        case CONCEALED -> concealed++;
                        case BUFFERING -> { }
                    }
                    player.play(out);
                    nextPlayNs += PcmFormat.FRAME_NANOS;
                    if (now - nextPlayNs > 10 * PcmFormat.FRAME_NANOS) {
                        nextPlayNs = now; // stalled (GC, scheduling): restart the clock instead of bursting
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("audio stopped: {}", e.toString());
        } finally {
            player.close();
        }
    }

    long received() {
        return received;
    }

    long played() {
        return played;
    }

    long concealed() {
        return concealed;
    }

    long dropped() {
        return queueDropped + decodeErrors;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
