package dev.patron.command.write;

import dev.patron.contract.ErrorDetails;
import dev.patron.eventstore.CommitPosition;
import dev.patron.contract.ApiException;
import dev.patron.progress.ProjectionProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The one way a request changes state: send the command in a unit of work of the pipeline's own, so that its events
 * are stored when that unit of work commits and the event store can tell where they landed; on failure run the
 * write's undo and answer what a client can act on (409 for a lost race, 422 for a {@link RuleViolation}, and what the
 * write names); on success wait
 * until the write's projection has processed that position, so a read that follows sees the write.
 * <p>
 * Commands run in the sending thread (Axon's local command bus), nested in the pipeline's unit of work. Several
 * commands sent together ({@link #sendAll}) are stored in one append, which is what makes bulk imports fast.
 */
@Component
@EnableConfigurationProperties(ReadYourWritesProperties.class)
public class WritePipeline {

    private static final Logger log = LoggerFactory.getLogger(WritePipeline.class);
    /** How much longer than the wait itself an answer may take to arrive (from another process). */
    private static final long ANSWER_MARGIN_MILLIS = 2_000;

    private final CommandGateway commandGateway;
    private final ProjectionProgress projections;
    private final ReadYourWritesProperties readYourWrites;

    public WritePipeline(CommandGateway commandGateway, ProjectionProgress projections,
                         ReadYourWritesProperties readYourWrites) {
        this.commandGateway = commandGateway;
        this.projections = projections;
        this.readYourWrites = readYourWrites;
    }

    /** Sends {@code command}; answers its handler's result once the write can be read back. */
    public <R> R send(Object command, Write write) {
        for (int tries = 1; ; tries++) {
            try {
                Stored<R> stored = inOwnUnitOfWork(command, () -> commandGateway.sendAndWait(command));
                awaitProjection(write, stored.position());
                return stored.result();
            } catch (RuntimeException failure) {
                if (!isConflict(failure) || tries >= write.triesOnConflict()) {
                    throw failed(failure, write);
                }
            }
        }
    }

    /**
     * Sends {@code commands} in one unit of work, so that their events are stored in one append. A command that
     * fails is reported in its {@link Outcome} and the others go on. If storing fails, the call fails as a whole,
     * but without transactions the commits stored before the failing one stay: a caller that retries must expect
     * some of its commands to have happened (the import does, see {@code CustomerImport}), and an undo must not give
     * back what those commands hold.
     */
    public <R> List<Outcome<R>> sendAll(List<?> commands, Write write) {
        try {
            Stored<List<Outcome<R>>> stored = inOwnUnitOfWork(commands, () -> {
                List<Outcome<R>> outcomes = new ArrayList<>(commands.size());
                for (Object command : commands) {
                    try {
                        outcomes.add(Outcome.succeeded(commandGateway.sendAndWait(command)));
                    } catch (RuntimeException failure) {
                        outcomes.add(Outcome.failed(clientFacing(failure, write)));
                    }
                }
                return outcomes;
            });
            awaitProjection(write, stored.position());
            return stored.result();
        } catch (RuntimeException failure) {
            throw failed(failure, write);
        }
    }

    private <R> Stored<R> inOwnUnitOfWork(Object what, Callable<R> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage(what));
        R result;
        try {
            result = work.call();
        } catch (Exception failure) {
            unitOfWork.rollback(failure);
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        unitOfWork.commit();
        return new Stored<>(result, CommitPosition.of(unitOfWork));
    }

    /** The write happened whatever this wait says; a read model that lags is logged, not reported as a failure. */
    private void awaitProjection(Write write, OptionalLong position) {
        if (!readYourWrites.enabled() || write.projection().isEmpty() || position.isEmpty()) {
            return;
        }
        String projection = write.projection().get();
        try {
            boolean processed = projections.whenProcessed(projection, position.getAsLong(), readYourWrites.timeout())
                    .get(readYourWrites.timeout().toMillis() + ANSWER_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
            if (!processed) {
                log.warn("Projection {} did not reach position {} within {}", projection, position.getAsLong(),
                        readYourWrites.timeout());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Exception unanswered) {
            log.warn("Could not learn whether projection {} reached position {}: {}", projection,
                    position.getAsLong(), unanswered.toString());
        }
    }

    private RuntimeException failed(RuntimeException failure, Write write) {
        try {
            write.undo(failure);
        } catch (RuntimeException undoFailure) {
            failure.addSuppressed(undoFailure);
        }
        return clientFacing(failure, write);
    }

    private static RuntimeException clientFacing(RuntimeException failure, Write write) {
        if (failure instanceof ApiException) {
            return failure;
        }
        Optional<RuntimeException> named = write.answerFor(failure);
        if (named.isPresent()) {
            return named.get();
        }
        Optional<Throwable> violation = ExceptionUtils.findException(failure, RuleViolation.class::isInstance);
        if (violation.isPresent()) {
            RuleViolation broken = (RuleViolation) violation.get();
            return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, broken.getMessage(), broken.source());
        }
        return isConflict(failure) ? ApiException.conflict(ErrorDetails.WRITE_CONFLICT) : failure;
    }

    private static boolean isConflict(Throwable failure) {
        return ExceptionUtils.findException(failure, cause -> cause instanceof ConcurrencyException
                || cause instanceof AggregateStreamCreationException).isPresent();
    }

    private record Stored<R>(R result, OptionalLong position) {
    }
}
