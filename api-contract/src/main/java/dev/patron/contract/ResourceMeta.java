package dev.patron.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The {@code meta} every resource carries: {@code {"timestamps":{"created_at":..,"updated_at":..}}}; for a resource
 * the store extends with custom fields, also {@code custom_field_problems} when a stored value no longer fits its
 * field.
 */
public record ResourceMeta(
        Timestamps timestamps,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @JsonProperty("custom_field_problems") List<CustomFieldProblem> customFieldProblems) {

    public static ResourceMeta of(Instant createdAt, Instant updatedAt) {
        return new ResourceMeta(new Timestamps(createdAt, updatedAt), List.of());
    }

    public ResourceMeta withCustomFieldProblems(List<CustomFieldProblem> problems) {
        return new ResourceMeta(timestamps, List.copyOf(problems));
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
