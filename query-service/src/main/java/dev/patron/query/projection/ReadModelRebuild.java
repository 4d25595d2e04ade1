package dev.patron.query.projection;

import dev.patron.eventstore.EventLogFollower;
import dev.patron.progress.Projections;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the read model of the {@code customer-projection} processor (customers and their lookups, addresses, carts,
 * orders and their lookups) without downtime.
 * <p>
 * How: a thread of its own replays the whole event log from the tail through the projection's own handlers, in
 * batches ({@link ProjectionBatches}: one prefetch and one bulk write per collection per batch), into the collections
 * of a new generation ({@link ReadModelCollections}). Meanwhile nothing changes for anyone else: the live processor
 * keeps applying new events to the current generation, which keeps answering every read. Once the replay is close to
 * the head, it takes the lock every live batch holds ({@link ProjectionBatches#handover()}): the live processor is now
 * between batches, and what it has applied is known exactly (the token of its last committed batch, and its stored
 * token). The replay reads on until its own token covers that, then switches the pointer document, and lets go: the
 * live processor's next batch, and every request that starts from then on, use the new generation. The new generation
 * may already hold events the live processor has not applied yet; it applies them again, which its version checks
 * make harmless, as on any redelivery. So nothing written before or during the rebuild is lost, and a writer that
 * waits for the live processor to pass its position (read-your-writes) finds its write in whichever generation is
 * current then. The old generation's collections are dropped after a grace period, for requests that started on it.
 * <p>
 * The lock is held for the last stretch only (normally less than one batch), during which the live processor waits.
 * A rebuild runs in the process whose live processor holds the projection's token (in one process, always), and is
 * not resumed after a restart: its partial collections are dropped when the next rebuild starts. A handler that fails
 * during the replay fails the rebuild (the current generation stays), rather than leave a hole in the new one.
 */
@Component
public class ReadModelRebuild {

    /** The one read model there is to rebuild: every collection of the {@code customer-projection} processor. */
    public static final String CUSTOMERS = "customers";

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    /** How long the replay may take to cover the live processor once it holds the lock: a gap's timeout, and some. */
    private static final Duration HANDOVER_LIMIT = Duration.ofSeconds(60);

    private final ReadModelCollections collections;
    private final ProjectionBatches batches;
    private final ObjectProvider<EventLogFollower> follower;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ProjectionMonitor monitor;
    private final ApplicationContext context;
    private final int batchSize;
    private final Duration gracePeriod;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService dropper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-drop");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Run> latest = new AtomicReference<>();

    ReadModelRebuild(ReadModelCollections collections, ProjectionBatches batches, ObjectProvider<EventLogFollower> follower,
                     ObjectProvider<EventProcessingConfiguration> processing, ProjectionMonitor monitor,
                     ApplicationContext context,
                     @Value("${patron.read-models.rebuild-batch-size:2000}") int batchSize,
                     @Value("${patron.read-models.grace-period:PT30S}") Duration gracePeriod) {
        this.collections = collections;
        this.batches = batches;
        this.follower = follower;
        this.processing = processing;
        this.monitor = monitor;
        this.context = context;
        this.batchSize = batchSize;
        this.gracePeriod = gracePeriod;
        dropOlderGenerations();
    }

    /** The read models, as {@code GET /v2/read-models} shows them. */
    public List<ReadModelStatus> readModels() {
        Run run = latest.get();
        OptionalLong lag = monitor.lagEvents();
        return List.of(new ReadModelStatus(CUSTOMERS, collections.current(),
                run != null && run.state() == RebuildState.RUNNING ? "rebuilding" : "live",
                lag.isPresent() ? lag.getAsLong() : null, run == null ? null : run.progress(clock)));
    }

    /**
     * Starts a rebuild of {@code name}.
     *
     * @throws UnknownReadModel when there is no such read model
     * @throws RebuildRefused   when one is running, or the projection does not run in this process
     */
    public synchronized ReadModelStatus start(String name) {
        if (!CUSTOMERS.equals(name)) {
            throw new UnknownReadModel(name);
        }
        Run running = latest.get();
        if (running != null && running.state() == RebuildState.RUNNING) {
            throw new RebuildRefused("A rebuild of " + name + " is running (generation " + running.target() + ")");
        }
        if (liveProcessor().map(processor -> processor.processingStatus().isEmpty()).orElse(true)) {
            throw new RebuildRefused("The projection " + Projections.CUSTOMERS + " does not run in this process");
        }
        long from = collections.current();
        Run run = new Run(from, from + 1, clock.instant(), position(follower.getObject().createTailToken()));
        run.total = position(follower.getObject().createHeadToken()) - run.tail;
        latest.set(run);
        Thread thread = new Thread(() -> rebuild(run), "read-model-rebuild");
        thread.setDaemon(true);
        thread.start();
        return readModels().get(0);
    }

    private void rebuild(Run run) {
        List<String> names = collectionNames();
        try {
            log.info("Rebuilding read model {} into generation {}", CUSTOMERS, run.target());
            collections.drop(names, run.target()); // what an earlier, interrupted attempt left
            batches.forgetFilled();
            batches.readModels().forEach(readModel -> readModel.createIndexes(run.target()));
            List<AnnotationEventHandlerAdapter> handlers = handlers();
            try (BlockingStream<TrackedEventMessage<?>> stream = follower.getObject().openStream(null)) {
                // Replay while the live processor goes on, until the replay is about as far as the head.
                while (true) {
                    List<TrackedEventMessage<?>> batch = read(stream, 0);
                    apply(run, batch, handlers);
                    if (batch.isEmpty() || run.total - run.done < batchSize) {
                        break;
                    }
                }
                // Hand over: the live processor is between batches while this holds the lock.
                batches.handover().lock();
                try {
                    long deadline = System.nanoTime() + HANDOVER_LIMIT.toNanos();
                    while (!coversLive(run.reached)) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("the replay did not reach the live projection in "
                                    + HANDOVER_LIMIT.toSeconds() + " s");
                        }
                        apply(run, read(stream, 100), handlers);
                    }
                    collections.switchTo(run.target());
                    run.finish(RebuildState.SWITCHED, null, clock.instant());
                } finally {
                    batches.handover().unlock();
                }
            }
            log.info("Read model {} switched to generation {} after {} events; generation {} is dropped in {}",
                    CUSTOMERS, run.target(), run.applied, run.from(), gracePeriod);
            dropper.schedule(() -> dropQuietly(names, run.from()), gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception | LinkageError failure) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Rebuild of read model {} into generation {} failed, generation {} stays: {}", CUSTOMERS,
                    run.target(), run.from(), failure.toString());
            run.finish(RebuildState.FAILED, failure.getMessage() == null ? failure.toString() : failure.getMessage(),
                    clock.instant());
            dropQuietly(names, run.target());
        } finally {
            batches.forgetFilled();
        }
    }

    /** Up to a batch of what is available now, waiting at most {@code waitMillis} for the first event. */
    private List<TrackedEventMessage<?>> read(BlockingStream<TrackedEventMessage<?>> stream, int waitMillis)
            throws InterruptedException {
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        while (batch.size() < batchSize && stream.hasNextAvailable(batch.isEmpty() ? waitMillis : 0,
                TimeUnit.MILLISECONDS)) {
            batch.add(stream.nextAvailable());
        }
        return batch;
    }

    /** Applies a batch to the new generation as the live processor applies one to the current generation. */
    private void apply(Run run, List<TrackedEventMessage<?>> batch, List<AnnotationEventHandlerAdapter> handlers)
            throws Exception {
        if (!batch.isEmpty()) {
            collections.pin(run.target());
            try {
                batches.beginFilling(batch);
                for (TrackedEventMessage<?> event : batch) {
                    for (AnnotationEventHandlerAdapter handler : handlers) {
                        if (handler.canHandle(event)) {
                            handler.handle(event);
                        }
                    }
                }
                batches.flush();
            } catch (Exception | LinkageError failure) {
                batches.discard();
                throw failure;
            } finally {
                collections.unpin();
            }
            run.advance(batch.get(batch.size() - 1).trackingToken(), batch.size());
        }
        run.total = Math.max(run.done, position(follower.getObject().createHeadToken()) - run.tail);
    }

    /** Whether the replay has applied everything the live processor has applied to the current generation. */
    private boolean coversLive(TrackingToken reached) {
        List<TrackingToken> live = new ArrayList<>();
        live.add(batches.liveApplied());
        liveProcessor().ifPresent(processor -> processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken).forEach(live::add));
        return live.stream().allMatch(token -> covers(reached, token));
    }

    private static boolean covers(TrackingToken reached, TrackingToken live) {
        TrackingToken other = WrappedToken.unwrapLowerBound(live);
        if (!(other instanceof GapAwareTrackingToken)) {
            return true; // the live processor has applied nothing
        }
        return reached instanceof GapAwareTrackingToken own && own.covers(other);
    }

    /** The projection's handler beans (customers, addresses, carts, orders), each called as Axon calls it. */
    private List<AnnotationEventHandlerAdapter> handlers() {
        List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
        for (Map.Entry<String, Object> bean : context.getBeansWithAnnotation(ProcessingGroup.class).entrySet()) {
            ProcessingGroup group = context.findAnnotationOnBean(bean.getKey(), ProcessingGroup.class);
            if (group != null && Projections.CUSTOMERS.equals(group.value())) {
                handlers.add(new AnnotationEventHandlerAdapter(bean.getValue()));
            }
        }
        return handlers;
    }

    private List<String> collectionNames() {
        return batches.readModels().stream()
                .flatMap(readModel -> readModel.collections().stream().map(BatchedCollection::name)).toList();
    }

    private void dropQuietly(List<String> names, long generation) {
        try {
            collections.drop(names, generation);
        } catch (RuntimeException failure) {
            log.warn("Could not drop generation {} of read model {}: {}", generation, CUSTOMERS, failure.toString());
        }
    }

    /** Generations below the current one that a restart kept from being dropped after their grace period. */
    private void dropOlderGenerations() {
        long current = collections.current();
        List<String> names = collectionNames();
        collections.otherGenerations(names, current).stream().filter(generation -> generation < current)
                .forEach(generation -> dropQuietly(names, generation));
    }

    private java.util.Optional<StreamingEventProcessor> liveProcessor() {
        return processing.getObject().eventProcessor(Projections.CUSTOMERS, StreamingEventProcessor.class);
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    @PreDestroy
    void stop() {
        dropper.shutdownNow();
    }

    enum RebuildState { RUNNING, SWITCHED, FAILED }

    /** One rebuild; written by its thread, read by requests. */
    private static final class Run {
        private final long from;
        private final long target;
        private final Instant startedAt;
        private final long tail;
        private volatile long total;
        private volatile long done;
        private volatile long applied;
        private volatile TrackingToken reached;
        private volatile RebuildState state = RebuildState.RUNNING;
        private volatile Instant finishedAt;
        private volatile String error;

        Run(long from, long target, Instant startedAt, long tail) {
            this.from = from;
            this.target = target;
            this.startedAt = startedAt;
            this.tail = tail;
        }

        long from() {
            return from;
        }

        long target() {
            return target;
        }

        RebuildState state() {
            return state;
        }

        void advance(TrackingToken token, int events) {
            reached = token;
            applied += events;
            done = position(token) - tail;
        }

        void finish(RebuildState outcome, String failure, Instant at) {
            error = failure;
            finishedAt = at;
            if (outcome == RebuildState.SWITCHED) {
                total = done;
            }
            state = outcome;
        }

        RebuildProgress progress(Clock clock) {
            Instant end = finishedAt == null ? clock.instant() : finishedAt;
            double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
            long shownTotal = Math.max(total, done);
            double perSecond = applied / seconds;
            double percent = shownTotal == 0 ? 100.0 : Math.min(100.0, done * 100.0 / shownTotal);
            Long secondsLeft = state != RebuildState.RUNNING ? Long.valueOf(0)
                    : perSecond <= 0 ? null : Long.valueOf(Math.round((shownTotal - done) / perSecond));
            return new RebuildProgress(from, target, state.name().toLowerCase(java.util.Locale.ROOT), done, shownTotal,
                    Math.round(perSecond * 10) / 10.0, Math.round(percent * 10) / 10.0, secondsLeft, startedAt,
                    finishedAt, error);
        }
    }

    /** A read model and how it stands. {@code lag}: events behind the head, null when unknown. */
    public record ReadModelStatus(String name, long generation, String state, Long lag, RebuildProgress rebuild) {
    }

    /**
     * The latest rebuild (running, or how it ended): {@code status} {@code running}, {@code switched} or
     * {@code failed}; events done and total are positions of the event log's global index since its tail.
     */
    public record RebuildProgress(long fromGeneration, long targetGeneration, String status, long eventsDone,
                                  long eventsTotal, double eventsPerSecond, double percent, Long secondsLeft,
                                  Instant startedAt, Instant finishedAt, String error) {
    }

    public static final class UnknownReadModel extends RuntimeException {
        UnknownReadModel(String name) {
            super("No read model " + name);
        }
    }

    public static final class RebuildRefused extends RuntimeException {
        RebuildRefused(String message) {
            super(message);
        }
    }
}
