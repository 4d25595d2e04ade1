package dev.patron.contract;

import java.util.List;

/** The contract's error body: {@code {"errors":[...]}}, one entry per problem found. */
public record ErrorDocument(List<ApiError> errors) {

    public ErrorDocument {
        errors = List.copyOf(errors);
    }

    public static ErrorDocument of(ApiError error) {
        return new ErrorDocument(List.of(error));
    }
}
