package dev.patron.kit.web;

import org.springframework.http.HttpStatusCode;

/** Fixed wording for errors whose cause must not, or need not, be described to the client. */
final class ErrorDetails {

    static final String NO_RESOURCE = "No resource found at this path";

    private ErrorDetails() {
    }

    static ApiError generic(HttpStatusCode status) {
        if (status.value() == 404) {
            return ApiError.of(status, NO_RESOURCE);
        }
        if (status.is5xxServerError()) {
            return ApiError.of(status, "The server could not process this request");
        }
        return ApiError.of(status, ApiError.titleOf(status));
    }
}
