package dev.patron.contract;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Collects the rule violations of a well-formed request, so that a client learns about every bad field in one
 * answer: a 422 with one error per violation.
 */
public final class Validation {

    private final List<ApiError> violations = new ArrayList<>();

    /** Records {@code detail} against {@code source} unless {@code satisfied}. */
    public Validation check(boolean satisfied, String source, String detail) {
        if (!satisfied) {
            violations.add(ApiError.of(HttpStatus.UNPROCESSABLE_ENTITY, detail, source));
        }
        return this;
    }

    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, violations);
        }
    }
}
