package dev.patron.progress;

/**
 * {@link ProjectionProgress} over HTTP, served by the query service for command services in other processes:
 * {@code GET /internal/projections/{projection}/processed?position=<index>&wait_ms=<millis>} answers
 * {@link Answer} as soon as the position is processed, or when the wait is over. It needs a back-office token, and
 * the gateway does not route it: it is for Patron's own services.
 */
public final class ProjectionProgressApi {

    public static final String PATH = "/internal/projections/{projection}/processed";
    public static final String POSITION = "position";
    public static final String WAIT_MILLIS = "wait_ms";
    /** The longest a caller may ask the server to hold a request. */
    public static final long MAX_WAIT_MILLIS = 30_000;

    private ProjectionProgressApi() {
    }

    /** The answer's body; {@code processed} is {@code false} when the wait ran out first. */
    public record Answer(String projection, long position, boolean processed) {
    }
}
