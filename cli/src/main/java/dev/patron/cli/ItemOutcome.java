package dev.patron.cli;

import java.util.List;

/** What the server answered for one customer of a batch. */
record ItemOutcome(Status status, String id, List<String> errors) {

    enum Status {
        CREATED,
        /** An earlier run created it: not an error. */
        ALREADY_IMPORTED,
        REJECTED
    }
}
