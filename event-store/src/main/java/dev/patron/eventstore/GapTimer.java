package dev.patron.eventstore;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers when this process first saw each gap in the global index, on its own monotonic clock.
 * <p>
 * A gap is an index that was reserved by a writer whose commit is not visible yet. Most gaps fill within
 * milliseconds; one whose writer died (or lost an optimistic-lock race) never fills. Readers wait for a gap until
 * it has been open for {@code timeout}, then give it up. Only the reader's own clock is used, so clock skew
 * between writers cannot make a reader give up early, unlike timestamp-based tracking.
 */
final class GapTimer {

    private static final int PRUNE_ABOVE = 100_000;

    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private final Map<Long, Long> firstSeen = new ConcurrentHashMap<>();

    GapTimer(Duration timeout, LongSupplier nanoClock) {
        this.timeoutNanos = timeout.toNanos();
        this.nanoClock = nanoClock;
    }

    void observed(Collection<Long> gaps) {
        long now = nanoClock.getAsLong();
        gaps.forEach(gap -> firstSeen.putIfAbsent(gap, now));
        if (firstSeen.size() > PRUNE_ABOVE) {
            // Long-expired entries are only kept so that a late reader gives them up at once; dropping them
            // merely makes such a reader wait one more timeout.
            firstSeen.values().removeIf(seen -> now - seen > 2 * timeoutNanos);
        }
    }

    void filled(long index) {
        firstSeen.remove(index);
    }

    boolean expired(long gap) {
        Long seen = firstSeen.get(gap);
        return seen != null && nanoClock.getAsLong() - seen > timeoutNanos;
    }
}
