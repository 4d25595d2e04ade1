package dev.patron.kit.web;

import dev.patron.contract.ApiError;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/**
 * Raised while reading a request body that grows past the configured limit. An {@link IOException}, because it
 * surfaces from {@code InputStream.read} inside whatever parses the body.
 */
public class BodyTooLargeException extends IOException {

    private final long maxBytes;

    public BodyTooLargeException(long maxBytes) {
        super("Request body exceeds " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public static ApiError error(long maxBytes) {
        return ApiError.of(HttpStatus.PAYLOAD_TOO_LARGE, "The request body exceeds " + maxBytes + " bytes");
    }

    public ApiError error() {
        return error(maxBytes);
    }
}
