package dev.patron.cli;

/**
 * The import cannot go on (authentication refused, the server rejected a whole request, the server stayed
 * unreachable, the state could not be written): the run stops with exit code 1 and keeps its progress.
 */
final class ImportFailure extends Exception {

    ImportFailure(String message) {
        super(message);
    }

    ImportFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
