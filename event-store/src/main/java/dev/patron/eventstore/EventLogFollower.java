package dev.patron.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import javax.annotation.Nonnull;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The global log as a source for tracking processors, read when there is something to read: at once when woken
 * ({@link #wake()}: this process appended, or a writer elsewhere says it is waiting for a position), and otherwise
 * every {@code idlePoll} for writers that say nothing. An idle look costs one {@code _id} read of the log's head
 * (see {@link MongoEventStorageEngine#fetchTrackedEvents}).
 * <p>
 * Axon's {@code EmbeddedEventStore} instead polls on a fixed delay whether or not anything was written, and only
 * events published through it in this process cut that delay short; a reader in another process than the writers
 * then has to choose between polling the database constantly and answering late.
 */
public class EventLogFollower implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final MongoEventStorageEngine engine;
    private final long idlePollNanos;
    private final int batchSize;
    private final Object wakeUps = new Object();
    private long wakeUpCount;

    /**
     * @param idlePoll  how often a follower with nothing to read looks anyway
     * @param batchSize the most events read ahead at once per stream
     */
    public EventLogFollower(MongoEventStorageEngine engine, Duration idlePoll, int batchSize) {
        this.engine = engine;
        this.idlePollNanos = idlePoll.toNanos();
        this.batchSize = batchSize;
        engine.onAppended(this::wake);
    }

    /** Makes every open stream look at the log now instead of at its next idle poll. */
    public void wake() {
        synchronized (wakeUps) {
            wakeUpCount++;
            wakeUps.notifyAll();
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new FollowingStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(@Nonnull Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }

    private long wakeUpCount() {
        synchronized (wakeUps) {
            return wakeUpCount;
        }
    }

    /** Waits for a wake-up after {@code seen}, at most {@code nanos}; returns at once if one came meanwhile. */
    private void awaitWakeUp(long seen, long nanos) throws InterruptedException {
        synchronized (wakeUps) {
            long deadline = System.nanoTime() + nanos;
            for (long left = nanos; wakeUpCount == seen && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(wakeUps, left);
            }
        }
    }

    /** One processor's stream; used by that processor's thread only. */
    private final class FollowingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final Deque<TrackedEventMessage<?>> readAhead = new ArrayDeque<>();
        private TrackingToken lastRead;
        private volatile boolean closed;
        /** The wake-up count and time of the last look at the log, and whether it found nothing. */
        private long lookedAtWakeUp = -1;
        private long lookedAtNanos;
        private boolean caughtUp;

        private FollowingStream(TrackingToken start) {
            this.lastRead = start;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (readAhead.isEmpty()) {
                look();
            }
            return Optional.ofNullable(readAhead.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (!closed) {
                if (!readAhead.isEmpty()) {
                    return true;
                }
                // A caught-up stream looks again only when woken or at its idle poll, however often it is asked:
                // a processor asks every time its own (short) wait for events runs out.
                if (!caughtUp || wakeUpCount() != lookedAtWakeUp || System.nanoTime() - lookedAtNanos >= idlePollNanos) {
                    if (look()) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                awaitWakeUp(lookedAtWakeUp, Math.min(left, idlePollNanos - (System.nanoTime() - lookedAtNanos)));
            }
            return false;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new IllegalStateException("The stream was closed");
                }
            }
            return readAhead.poll();
        }

        @Override
        public void close() {
            closed = true;
            wake();
        }

        /** Reads the log now, remembering when and after which wake-up; whether anything was found. */
        private boolean look() {
            lookedAtWakeUp = wakeUpCount();
            lookedAtNanos = System.nanoTime();
            caughtUp = !readNext();
            return !caughtUp;
        }

        /** Reads up to one batch after everything read so far; whether anything was found. */
        private boolean readNext() {
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(lastRead, false)) {
                Iterator<? extends TrackedEventMessage<?>> found = events.iterator();
                int read = 0;
                while (found.hasNext()) {
                    TrackedEventMessage<?> event = found.next();
                    // An upcaster may turn one stored event into several with the same token: never split those,
                    // the next read starts after the token. The event that ends the batch is read again next time.
                    if (read >= batchSize && !event.trackingToken().equals(lastRead)) {
                        break;
                    }
                    readAhead.add(event);
                    lastRead = event.trackingToken();
                    read++;
                }
            }
            return !readAhead.isEmpty();
        }
    }
}
