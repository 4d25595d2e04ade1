package dev.patron.progress;

/** The projections a writer can wait for, by the name of their event processor. */
public final class Projections {

    /** Customers and their addresses, in one processor so a deletion is never overtaken by address events. */
    public static final String CUSTOMERS = "customer-projection";

    private Projections() {
    }
}
