package dev.patron.contract;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * A failure whose wording is meant for the client: thrown anywhere below a controller, answered by
 * each service's exception handler (web-kit's {@code ApiExceptionAdvice}) with exactly these errors. All errors of one exception share its status.
 */
public class ApiException extends RuntimeException {

    private final HttpStatusCode status;
    private final List<ApiError> errors;

    public ApiException(HttpStatusCode status, List<ApiError> errors) {
        super(errors.isEmpty() ? ApiError.titleOf(status) : errors.get(0).detail());
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ApiException(HttpStatusCode status, String detail, String source) {
        this(status, List.of(ApiError.of(status, detail, source)));
    }

    public ApiException(HttpStatusCode status, String detail) {
        this(status, detail, null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }

    public HttpStatusCode status() {
        return status;
    }

    public ErrorDocument document() {
        return new ErrorDocument(errors);
    }
}
