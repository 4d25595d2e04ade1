package dev.patron.kit.web;

import dev.patron.contract.ApiError;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/**
 * Raised while reading a request body whose bytes are not UTF-8 (see {@link Utf8BodyFilter}). An
 * {@link IOException}, because it surfaces from {@code InputStream.read} inside whatever parses the body.
 */
public class BodyNotUtf8Exception extends IOException {

    static final String DETAIL = "The request body is not valid UTF-8";

    BodyNotUtf8Exception() {
        super(DETAIL);
    }

    public ApiError error() {
        return ApiError.of(HttpStatus.BAD_REQUEST, DETAIL);
    }
}
