package dev.patron.contract;

import dev.patron.contract.ApiException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The {@code page[limit]} and {@code page[offset]} query parameters, checked against the contract's bounds. */
public record PageRequest(int limit, int offset) {

    public static final String LIMIT_PARAMETER = "page[limit]";
    public static final String OFFSET_PARAMETER = "page[offset]";
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;

    public static PageRequest parse(String limit, String offset) {
        return parse(limit, offset, DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET);
    }

    /** The same parameters for a list with bounds of its own (a delivery log). */
    public static PageRequest parse(String limit, String offset, int defaultLimit, int maxLimit, int maxOffset) {
        return new PageRequest(
                bounded(limit, LIMIT_PARAMETER, defaultLimit, 1, maxLimit),
                bounded(offset, OFFSET_PARAMETER, 0, 0, maxOffset));
    }

    /**
     * This page of a list held whole: of ids whose documents are then read with one {@code $in}, so the page costs
     * the same however long the list is.
     */
    public <T> List<T> of(List<T> all) {
        int from = Math.min(offset, all.size());
        return all.subList(from, Math.min(all.size(), from + limit));
    }

    /** This page of a list held oldest first (ids in the order they were added), read newest first. */
    public <T> List<T> ofNewestFirst(List<T> oldestFirst) {
        int size = oldestFirst.size();
        int to = Math.max(0, size - offset);
        List<T> page = new ArrayList<>(oldestFirst.subList(Math.max(0, to - limit), to));
        Collections.reverse(page);
        return page;
    }

    private static int bounded(String text, String parameter, int absent, int min, int max) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        // ASCII digits only: Integer.parseInt also takes other scripts' digits ("١٠" for 10).
        if (text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw new ApiException(HttpStatus.BAD_REQUEST,
                parameter + " must be a whole number from " + min + " to " + max, parameter);
    }
}
