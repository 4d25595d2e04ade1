package dev.patron.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The {@code meta} every resource carries: {@code {"timestamps":{"created_at":..,"updated_at":..}}}. */
public record ResourceMeta(Timestamps timestamps) {

    public static ResourceMeta of(Instant createdAt, Instant updatedAt) {
        return new ResourceMeta(new Timestamps(createdAt, updatedAt));
    }

    /**
     * Creation and last-change instants, cut to milliseconds: that is the precision MongoDB stores, so the
     * command side and the read model print the same value for the same event.
     */
    public record Timestamps(
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {

        public Timestamps {
            createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
            updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
        }
    }
}
