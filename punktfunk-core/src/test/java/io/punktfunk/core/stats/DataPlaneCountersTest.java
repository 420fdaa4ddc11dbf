package io.punktfunk.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataPlaneCountersTest {

    @Test
    void idsAndLabelsAreUnique() {
        Set<Integer> ids = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (DataPlaneCounter c : DataPlaneCounter.values()) {
            assertThat(ids.add(c.id())).as("id of %s", c).isTrue();
            assertThat(labels.add(c.label())).as("label of %s", c).isTrue();
            assertThat(c.label()).matches("[a-z0-9_]+");
        }
    }

    @Test
    void dropCountsTheTotalAndTheReason() {
        DataPlaneCounters c = new DataPlaneCounters();
        c.drop(DataPlaneCounter.DROP_AEAD);
        c.drop(DataPlaneCounter.DROP_AEAD);
        c.drop(DataPlaneCounter.DROP_STALE);
        c.add(DataPlaneCounter.BYTES_RECEIVED, 1500);
        c.increment(DataPlaneCounter.FRAMES_COMPLETED);
        assertThat(c.get(DataPlaneCounter.PACKETS_DROPPED)).isEqualTo(3);
        assertThat(c.get(DataPlaneCounter.DROP_AEAD)).isEqualTo(2);
        assertThat(c.get(DataPlaneCounter.DROP_STALE)).isEqualTo(1);
        long[] snap = new long[DataPlaneCounter.values().length];
        c.snapshot(snap);
        assertThat(snap[DataPlaneCounter.BYTES_RECEIVED.ordinal()]).isEqualTo(1500);
        assertThat(Arrays.stream(snap).sum()).isEqualTo(3 + 3 + 1500 + 1);
        assertThat(c.toString()).contains("drop_aead=2", "frames_completed=1");
    }

    @Test
    void concurrentBumpsAreNotLost() throws InterruptedException {
        DataPlaneCounters c = new DataPlaneCounters();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    c.increment(DataPlaneCounter.PACKETS_RECEIVED);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(c.get(DataPlaneCounter.PACKETS_RECEIVED)).isEqualTo(200_000);
    }
}
