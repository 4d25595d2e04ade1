package dev.patron.mongo;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes deletions reach the data file: after a sweep, no byte of a document deleted (or a field removed from one)
 * before it was requested is left in {@code patron.mv.db}; keys are the exception, below. Patron requests a sweep after
 * each erasure (the {@value #COMMAND} command); it runs {@code delay} after the request, off every request's path, and
 * requests that arrive meanwhile are covered by the same sweep or the next. A clean stop runs a sweep still owed.
 * <p>
 * A sweep (1) commits twice, so every deletion made so far is in the file and every chunk written before is at least
 * two versions old (H2 never rewrites the last two); (2) rewrites the live pages of every chunk written before it that
 * also holds pages no longer live (H2's {@code compact}, step by step, until the store's layout shows none of those
 * chunks partly live), committing each step, which leaves those chunks without live pages; (3) waits until H2 has
 * freed every chunk written before it that holds dead pages; (4) syncs and overwrites with zeros every block freed
 * ({@link ErasingFileStore#zeroUnused()}). H2 rewrites only chunks older
 * than its retention time, the time it keeps a replaced chunk readable for readers of an older version and against a
 * file system that writes late: the store's retention time is {@code delay}, so every chunk written before a request
 * is old enough when its sweep runs. The store keeps no older versions for readers of its own (as H2's database sets
 * it), so a chunk is freed as soon as nothing live is in it.
 * <p>
 * Keys: a B-tree's inner pages keep the keys of deleted entries as separators, and rewriting copies those pages as they
 * are, so a key can outlive its entry for good. Nothing personal may be a key (Patron's lookups use keyed hashes).
 * <p>
 * What it costs: rewriting the live part of every chunk that had something deleted or replaced since the last sweep,
 * about as much as writing that data again, plus writing zeros over what was freed; chunks hold up to the commit buffer
 * (16 MB), so on a store with ordinary churn that is most of the file (measured: {@code embedded-mongo/README.md}).
 */
final class EmbeddedStoreSweep implements AutoCloseable {

    /** The command that requests a sweep, which only this server knows (MongoDB answers "no such command"). */
    static final String COMMAND = "patronSweep";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreSweep.class);
    /** Live data rewritten per step; each step holds the store's lock, so writers wait at most about one step. */
    private static final int REWRITE_STEP_BYTES = 16 * 1024 * 1024;
    /**
     * H2 gives up a step when its lock is not free within 10 ms, and reports that as nothing left to rewrite: a step
     * that rewrote nothing is tried again, this often, before the sweep believes it (while the server runs; after the
     * clients are gone only H2's own background writer may).
     */
    private static final int ATTEMPTS_WHILE_RUNNING = 20;
    private static final int ATTEMPTS_WHEN_CLOSING = 3;
    private static final long PAUSE_BETWEEN_ATTEMPTS_MILLIS = 50;

    /** A map of the sweep's own: writing to it makes a commit store a new version even when nothing else changed. */
    private static final String VERSIONS_MAP = "patron-sweeps";
    private static final String CHUNK_PREFIX = "chunk.";

    private final MVStore store;
    private final MVMap<String, Long> versions;
    private final ErasingFileStore file;
    private final long delayNanos;
    private final ScheduledExecutorService scheduler;
    /** When the last request arrived ({@link System#nanoTime()}); guarded by this. */
    private long lastRequest;
    private boolean owed;
    private boolean scheduled;
    private long completed;
    private volatile Swept lastSwept;

    EmbeddedStoreSweep(MVStore store, ErasingFileStore file, Duration delay) {
        this.store = store;
        this.versions = store.openMap(VERSIONS_MAP);
        this.file = file;
        this.delayNanos = delay.toNanos();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-mongo-sweep");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Schedules a sweep that covers everything deleted until now. */
    synchronized void request() {
        lastRequest = System.nanoTime();
        owed = true;
        if (!scheduled) {
            scheduled = true;
            scheduler.schedule(this::run, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** How many sweeps have completed since the server started. */
    synchronized long completed() {
        return completed;
    }

    /** What the last sweep did, for the benchmark; {@code null} before the first. */
    Swept lastSwept() {
        return lastSwept;
    }

    /**
     * @param chunks      chunks written before the sweep that held deleted pages (rewritten where partly live, then freed)
     * @param steps       rewrite steps of up to 16 MB each
     * @param zeroedBytes bytes overwritten with zeros: what was freed since the last sweep (at the first, all free space)
     */
    record Swept(int chunks, int steps, long zeroedBytes, long millis) {
    }

    /** Whether a requested sweep has not run yet. */
    synchronized boolean owed() {
        return owed;
    }

    private void run() {
        long startedAt = System.nanoTime();
        synchronized (this) {
            // Requests that arrive from now on may need chunks that are too young for this sweep: they get the next.
            owed = startedAt - lastRequest < delayNanos;
        }
        boolean failed = false;
        try {
            sweep(ATTEMPTS_WHILE_RUNNING);
        } catch (RuntimeException e) {
            log.error("The sweep of the data file failed; deleted data may remain in it until the next one", e);
            failed = true;
        } finally {
            synchronized (this) {
                completed++;
                scheduled = false;
                owed |= failed;
                if (owed && !scheduler.isShutdown()) {
                    scheduled = true;
                    long wait = failed ? delayNanos : Math.max(lastRequest + delayNanos - System.nanoTime(), 0);
                    scheduler.schedule(this::run, wait, TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    /**
     * Before the store closes, with every client gone: a sweep still owed runs now, without waiting for chunks to age,
     * since no reader of an older version is left.
     */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            // A sweep under way finishes first (or stops at its next pause, leaving the sweep owed).
            scheduler.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean finalSweep;
        synchronized (this) {
            finalSweep = owed;
            owed = false;
        }
        if (finalSweep) {
            store.setRetentionTime(0);
            try {
                sweep(ATTEMPTS_WHEN_CLOSING);
            } catch (RuntimeException e) {
                log.error("The last sweep of the data file failed; deleted data may remain in it until the next", e);
            }
        }
    }

    private void sweep(int attemptsWhenNothingRewritten) {
        long started = System.nanoTime();
        long startedInStoreTime = storeTime();
        openMapsNobodyOpened();
        storeNewVersion();
        storeNewVersion();
        Set<String> holdingDeadPages = chunksHoldingDeadPages(startedInStoreTime);
        int chunks = holdingDeadPages.size();
        int steps = rewriteLivePagesOf(holdingDeadPages, attemptsWhenNothingRewritten);
        store.commit();
        awaitFreed(holdingDeadPages);
        long[] zeroed = new long[1];
        store.executeFilestoreOperation(() -> {
            file.sync();
            zeroed[0] = file.zeroUnused();
            file.sync();
        });
        lastSwept = new Swept(chunks, steps, zeroed[0], TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        log.info("Swept the data file: {} chunks held deleted data, rewritten in {} steps; overwrote {} KB with zeros, "
                + "in {} ms", chunks, steps, zeroed[0] / 1024, lastSwept.millis());
    }

    /** Rewrites until none of the chunks holds a live page (then they are dead); returns the steps it took. */
    private int rewriteLivePagesOf(Set<String> chunks, int attemptsWhenNothingRewritten) {
        Set<String> partlyLive = new HashSet<>(chunks);
        partlyLive.retainAll(partlyLiveChunks());
        int steps = 0;
        int attempts = 0;
        while (!partlyLive.isEmpty() && attempts < attemptsWhenNothingRewritten) {
            // A target fill rate above 100 selects every chunk with a dead page, however full it is.
            if (store.compact(101, REWRITE_STEP_BYTES)) {
                store.commit();
                steps++;
                attempts = 0;
            } else if (++attempts < attemptsWhenNothingRewritten) {
                pause();
            }
            partlyLive.retainAll(partlyLiveChunks());
        }
        if (!partlyLive.isEmpty()) {
            throw new IllegalStateException(partlyLive.size() + " chunks holding deleted data could not be rewritten");
        }
        return steps;
    }

    /**
     * Waits until H2 has freed the dead chunks: it frees them in the order they died, each once it is older than the
     * retention time, so a chunk that died young holds back those behind it for at most that long.
     */
    private void awaitFreed(Set<String> chunks) {
        long deadline = System.nanoTime() + delayNanos + TimeUnit.SECONDS.toNanos(30);
        Set<String> left = new HashSet<>(chunks);
        while (true) {
            store.executeFilestoreOperation(file::dropUnusedChunks);
            left.retainAll(store.getLayoutMap().keySet());
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(left.size() + " chunks holding deleted data were not freed");
            }
            pause();
        }
    }

    private void storeNewVersion() {
        versions.put("stored", System.currentTimeMillis());
        store.commit();
    }

    /**
     * The chunks, by layout key, written before {@code before} and older than the retention time, that hold pages no
     * longer live (with live ones or none), as the store's layout describes them (H2 keeps its chunks' fields to
     * itself).
     */
    private Set<String> chunksHoldingDeadPages(long before) {
        long oldEnough = storeTime() - store.getRetentionTime();
        Set<String> keys = new HashSet<>();
        chunkDescriptions().forEach((key, chunk) -> {
            long time = DataUtils.readHexLong(chunk, "time", 0);
            if (chunk.containsKey("livePages") && time < before && time <= oldEnough) {
                keys.add(key);
            }
        });
        return keys;
    }

    private Set<String> partlyLiveChunks() {
        Set<String> keys = new HashSet<>();
        chunkDescriptions().forEach((key, chunk) -> {
            if (chunk.containsKey("livePages") && DataUtils.readHexLong(chunk, "livePages", 0) > 0) {
                keys.add(key);
            }
        });
        return keys;
    }

    private Map<String, Map<String, String>> chunkDescriptions() {
        Map<String, Map<String, String>> chunks = new HashMap<>();
        store.getLayoutMap().forEach((key, description) -> {
            if (key.startsWith(CHUNK_PREFIX)) {
                chunks.put(key, DataUtils.parseMap(description));
            }
        });
        return chunks;
    }

    /** Milliseconds since the store file was created, the clock of its chunks' times. */
    private long storeTime() {
        return store.getTimeAbsolute() - file.getCreationTime();
    }

    /**
     * H2 moves pages of open maps only. The backend opens every map of ours when it starts; a map it does not know (the
     * library's, left by an earlier Patron) uses H2's default types and is opened here, so its pages can move too.
     */
    private void openMapsNobodyOpened() {
        for (String name : store.getMapNames()) {
            if (!StoreLayout.isOurs(name)) {
                store.openMap(name);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_BETWEEN_ATTEMPTS_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sweeping the data file", e);
        }
    }
}
