package dev.patron.bench;

/** Ends the run with a message that says what went wrong; the harness still stops Patron and writes the JSON. */
final class BenchmarkFailure extends RuntimeException {

    BenchmarkFailure(String message) {
        super(message);
    }

    BenchmarkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
