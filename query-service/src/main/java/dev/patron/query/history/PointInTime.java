package dev.patron.query.history;

import dev.patron.contract.ApiException;
import dev.patron.contract.InstantRange;
import dev.patron.kit.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The {@code at} parameter of a read that answers a resource as it was at an instant, rebuilt from its events
 * ({@link AuditTrail}). That is an auditor's read: the back office's only.
 */
public final class PointInTime {

    public static final String PARAMETER = "at";

    private PointInTime() {
    }

    /** The instant asked for; empty when the read is of the present. */
    public static Optional<Instant> of(String at, HttpServletRequest request) {
        if (at == null) {
            return Optional.empty();
        }
        if (!Caller.of(request).isBackOffice()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Reading a past state needs a back-office token", PARAMETER);
        }
        Instant instant;
        try {
            instant = Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    "at must be an ISO-8601 instant in UTC, such as 2021-06-02T18:44:07.617Z", PARAMETER);
        }
        if (!InstantRange.contains(instant)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "at is out of range: " + InstantRange.description(),
                    PARAMETER);
        }
        return Optional.of(instant);
    }
}
