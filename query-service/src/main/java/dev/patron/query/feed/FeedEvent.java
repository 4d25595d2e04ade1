package dev.patron.query.feed;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.patron.events.metadata.EventMetadata;
import java.time.Instant;
import java.util.Map;

/**
 * One observable event as the feed answers it (see {@code docs/events.md}, "The event feed").
 *
 * @param id       the stored event's unique id: the same on every read, so a consumer dedupes on it
 * @param position its global index, the order of the feed
 * @param data     the observable payload ({@code ObservableEvents}), personal data {@code null} once erased
 * @param version  the version of the observable event contract the type and data follow
 */
record FeedEvent(
        String id,
        String type,
        long position,
        @JsonProperty("occurred_at") Instant occurredAt,
        EventMetadata.Actor actor,
        @JsonProperty("request_id") String requestId,
        Map<String, Object> data,
        int version) {
}
