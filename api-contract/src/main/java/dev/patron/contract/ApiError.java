package dev.patron.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * One entry of the contract's error body. {@code source} names the offending field as a JSON path from the body
 * root (e.g. {@code data.email}); it is left out when no single field is to blame.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String title, String detail, String source) {

    public static ApiError of(HttpStatusCode status, String detail, String source) {
        return new ApiError(status.value(), titleOf(status), detail, source);
    }

    public static ApiError of(HttpStatusCode status, String detail) {
        return of(status, detail, null);
    }

    /** The standard reason phrase, so that clients see the same title for the same status everywhere. */
    public static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
