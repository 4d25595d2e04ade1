package dev.patron.contract;

/** The contract's envelope for a single resource: {@code {"data": {...}}}. */
public record DataDocument<T>(T data) {

    public static <T> DataDocument<T> of(T data) {
        return new DataDocument<>(data);
    }
}
