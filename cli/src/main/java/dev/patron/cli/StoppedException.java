package dev.patron.cli;

/** The run was asked to stop (Ctrl-C, or another batch failed for good) while this work was still waiting. */
final class StoppedException extends Exception {

    StoppedException() {
        super("stopped", null, false, false);
    }
}
