package dev.patron.query.paging;

import dev.patron.contract.ApiException;
import org.springframework.http.HttpStatus;

/** The {@code page[limit]} and {@code page[offset]} query parameters, checked against the contract's bounds. */
public record PageRequest(int limit, int offset) {

    public static final String LIMIT_PARAMETER = "page[limit]";
    public static final String OFFSET_PARAMETER = "page[offset]";
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;

    public static PageRequest parse(String limit, String offset) {
        return new PageRequest(
                bounded(limit, LIMIT_PARAMETER, DEFAULT_LIMIT, 1, MAX_LIMIT),
                bounded(offset, OFFSET_PARAMETER, 0, 0, MAX_OFFSET));
    }

    private static int bounded(String text, String parameter, int absent, int min, int max) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notAnInteger) {
            // answered below, like a number out of range
        }
        throw new ApiException(HttpStatus.BAD_REQUEST,
                parameter + " must be a whole number from " + min + " to " + max, parameter);
    }
}
