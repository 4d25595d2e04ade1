package dev.patron.contract;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The contract's customer object, as both the command side (answering a write) and the query side (answering a
 * read) show it, so the two cannot drift apart. {@code password} only tells whether one is set: no password or
 * hash is ever returned. The store's custom fields (a {@code customers} flow) are further top-level attributes
 * ({@link ExtensibleResource}).
 */
public record CustomerResource(
        String type,
        String id,
        String name,
        String email,
        boolean password,
        @JsonProperty("external_ref") String externalRef,
        ResourceMeta meta,
        @JsonIgnore Map<String, Object> customFields) implements ExtensibleResource<CustomerResource> {

    public static final String TYPE = "customer";

    public static CustomerResource of(String id, String name, String email, boolean hasPassword, String externalRef,
                                      Instant createdAt, Instant updatedAt) {
        return new CustomerResource(TYPE, id, name, email, hasPassword, externalRef,
                ResourceMeta.of(createdAt, updatedAt), Map.of());
    }

    @Override
    public CustomerResource withCustomFields(Map<String, Object> values, List<CustomFieldProblem> problems) {
        return new CustomerResource(type, id, name, email, password, externalRef,
                meta.withCustomFieldProblems(problems), values);
    }

    @JsonAnyGetter
    Map<String, Object> customFieldAttributes() {
        return customFields;
    }
}
