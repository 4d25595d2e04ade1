package dev.patron.query.paging;

import java.util.List;

/** The contract's envelope for a list: {@code {"data":[...],"meta":{"page":..,"results":..},"links":{..}}}. */
public record ListDocument<T>(List<T> data, Meta meta, Links links) {

    public record Meta(Page page, Results results) {
    }

    /** {@code current} and {@code total} count pages, from 1. */
    public record Page(int limit, int offset, long current, long total) {
    }

    public record Results(long total) {
    }

    /** Absolute URLs of the same query at other offsets; {@code next}/{@code prev} are null where there is none. */
    public record Links(String current, String first, String last, String next, String prev) {
    }
}
