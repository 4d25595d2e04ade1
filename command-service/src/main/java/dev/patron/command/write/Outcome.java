package dev.patron.command.write;

import java.util.Optional;

/** What became of one command of several sent together: its result, or the failure a client is told. */
public record Outcome<R>(R result, RuntimeException failure) {

    static <R> Outcome<R> succeeded(R result) {
        return new Outcome<>(result, null);
    }

    static <R> Outcome<R> failed(RuntimeException failure) {
        return new Outcome<>(null, failure);
    }

    public boolean succeeded() {
        return failure == null;
    }

    public Optional<R> resultIfSucceeded() {
        return Optional.ofNullable(result);
    }
}
