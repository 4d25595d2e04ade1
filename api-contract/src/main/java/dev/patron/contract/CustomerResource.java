package dev.patron.contract;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The contract's customer object, as both the command side (answering a write) and the query side (answering a
 * read) show it, so the two cannot drift apart. {@code password} only tells whether one is set: no password or
 * hash is ever returned. The store's custom fields (a {@code customers} flow) are further top-level attributes,
 * keyed by their slugs; {@code meta.custom_field_problems} lists stored values their field no longer accepts.
 */
public record CustomerResource(
        String type,
        String id,
        String name,
        String email,
        boolean password,
        @JsonProperty("external_ref") String externalRef,
        Meta meta,
        @JsonIgnore Map<String, Object> customFields) {

    public static final String TYPE = "customer";

    public static CustomerResource of(String id, String name, String email, boolean hasPassword, String externalRef,
                                      Instant createdAt, Instant updatedAt) {
        return new CustomerResource(TYPE, id, name, email, hasPassword, externalRef,
                new Meta(new ResourceMeta.Timestamps(createdAt, updatedAt), List.of()), Map.of());
    }

    /** The same customer showing these custom field values, in their fields' order. */
    public CustomerResource withCustomFields(Map<String, Object> values, List<CustomFieldProblem> problems) {
        return new CustomerResource(type, id, name, email, password, externalRef,
                new Meta(meta.timestamps(), List.copyOf(problems)), values);
    }

    @JsonAnyGetter
    Map<String, Object> customFieldAttributes() {
        return customFields;
    }

    /** {@code timestamps} as every resource has them, and the custom field problems when there are any. */
    public record Meta(
            ResourceMeta.Timestamps timestamps,
            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            @JsonProperty("custom_field_problems") List<CustomFieldProblem> customFieldProblems) {
    }
}
