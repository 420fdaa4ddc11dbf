package io.punktfunk.control.pairing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the host-wide wrong-PIN budget across restarts: {@code pairing-budget} in the config dir
 * holds the instant the bucket is full again (ISO-8601, wall clock). Without it a restart would hand a
 * guesser a fresh burst; with it the yearly bound in docs/control-plane.md §8 holds across restarts.
 */
public final class PairingBudgetFile {
    public static final String FILE = "pairing-budget";
    private static final Logger LOG = LoggerFactory.getLogger(PairingBudgetFile.class);

    private PairingBudgetFile() {
    }

    /** Restores {@code budget} from {@code dir} (if stored) and stores every change through {@code io}. */
    public static void attach(Path dir, PairingBudget budget, Executor io) {
        Path f = dir.resolve(FILE);
        try {
            Instant fullAt = Instant.parse(Files.readString(f, StandardCharsets.UTF_8).strip());
            long nsFromNow = java.time.Duration.between(Instant.now(), fullAt).toNanos();
            if (nsFromNow > 0) {
                budget.restore(nsFromNow);
            }
        } catch (NoSuchFileException e) {
            // never charged: a full budget
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: unreadable ({}); assuming an empty budget until it refills", f, e.toString());
            budget.restore(Long.MAX_VALUE); // fail closed: a corrupted file must not reset the budget
        }
        // each write stores the newest value, so writes finishing out of order still leave the newest state
        java.util.concurrent.atomic.AtomicReference<Instant> newest = new java.util.concurrent.atomic.AtomicReference<>();
        Object writeLock = new Object();
        budget.onChange(nsFromNow -> {
            newest.set(Instant.now().plusNanos(nsFromNow));
            io.execute(() -> {
                synchronized (writeLock) {
                    try {
                        TsvFile.writeDurably(f, (newest.get() + "\n").getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        LOG.warn("cannot store the pairing budget in {}: {}", f, e.toString());
                    }
                }
            });
        });
    }
}
