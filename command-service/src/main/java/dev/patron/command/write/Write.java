package dev.patron.command.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * What the {@link WritePipeline} needs to know about a kind of write besides its command: which projection must show
 * it before the caller is answered, what to give back when it fails, and how failures read to a client.
 */
public final class Write {

    private final String projection;
    private final Consumer<RuntimeException> undo;
    private final List<Answer> answers;
    private final int triesOnConflict;

    private Write(String projection, Consumer<RuntimeException> undo, List<Answer> answers, int triesOnConflict) {
        this.projection = projection;
        this.undo = undo;
        this.answers = answers;
        this.triesOnConflict = triesOnConflict;
    }

    /** A write answered once {@code projection} has processed its events. */
    public static Write awaiting(String projection) {
        return new Write(projection, failure -> { }, List.of(), 1);
    }

    /** A write no read model shows (e.g. the record of a sign-in), answered as soon as it is stored. */
    public static Write withoutReadModel() {
        return new Write(null, failure -> { }, List.of(), 1);
    }

    /** Runs {@code undo} when the write fails for good, e.g. to give back what was reserved for it beforehand. */
    public Write undoingOnFailure(Consumer<RuntimeException> undo) {
        return new Write(projection, undo, answers, triesOnConflict);
    }

    /** A failure caused by {@code cause} is answered with what {@code answer} gives instead. */
    public Write answering(Class<? extends Throwable> cause, Supplier<? extends RuntimeException> answer) {
        return answering(cause, failure -> answer.get());
    }

    /** A failure caused by {@code cause} is answered with what {@code answer} makes of that cause. */
    public <T extends Throwable> Write answering(Class<T> cause, Function<? super T, ? extends RuntimeException> answer) {
        List<Answer> more = new ArrayList<>(answers);
        more.add(new Answer(cause, failure -> answer.apply(cause.cast(failure))));
        return new Write(projection, undo, List.copyOf(more), triesOnConflict);
    }

    /** Sends the command again, up to {@code tries} times in all, when it lost a race with a concurrent write. */
    public Write retryingConflicts(int tries) {
        return new Write(projection, undo, answers, tries);
    }

    Optional<String> projection() {
        return Optional.ofNullable(projection);
    }

    void undo(RuntimeException failure) {
        undo.accept(failure);
    }

    int triesOnConflict() {
        return triesOnConflict;
    }

    /**
     * What a client is told about {@code failure}, if this kind of write names it. An id of another kind of aggregate
     * (an address's id where a customer's is expected) names no aggregate of this kind: it is answered as an unknown
     * one, not as the server error Axon raises when such a stream will not load.
     */
    Optional<RuntimeException> answerFor(Throwable failure) {
        for (Answer answer : answers) {
            Optional<Throwable> cause = ExceptionUtils.findException(failure, answer.cause()::isInstance);
            if (cause.isEmpty() && answer.cause().isAssignableFrom(AggregateNotFoundException.class)) {
                cause = ExceptionUtils.findException(failure, IncompatibleAggregateException.class::isInstance)
                        .map(incompatible -> new AggregateNotFoundException(null, incompatible.getMessage()));
            }
            if (cause.isPresent()) {
                return Optional.of(answer.answer().apply(cause.get()));
            }
        }
        return Optional.empty();
    }

    private record Answer(Class<? extends Throwable> cause, Function<Throwable, ? extends RuntimeException> answer) {
    }
}
