package dev.patron.contract;

import java.time.Instant;

/**
 * The instants the API takes (in filters, or as the {@code at} of a past-state read): years 0000 to 9999, which every
 * store, index and client can hold. A parseable instant outside them (such as {@code +999999999-12-31T23:59:59Z})
 * is a client's mistake, answered 400 like any other bad value, never an overflow further in.
 */
public final class InstantRange {

    public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private InstantRange() {
    }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** Says what the range is, for the detail of a refusal. */
    public static String description() {
        return "dates run from " + EARLIEST + " to " + LATEST;
    }
}
