package dev.patron.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The contract's customer object, as both the command side (answering a write) and the query side (answering a
 * read) show it, so the two cannot drift apart. {@code password} only tells whether one is set: no password or
 * hash is ever returned.
 */
public record CustomerResource(
        String type,
        String id,
        String name,
        String email,
        boolean password,
        @JsonProperty("external_ref") String externalRef,
        ResourceMeta meta) {

    public static final String TYPE = "customer";

    public static CustomerResource of(String id, String name, String email, boolean hasPassword, String externalRef,
                                      Instant createdAt, Instant updatedAt) {
        return new CustomerResource(TYPE, id, name, email, hasPassword, externalRef,
                ResourceMeta.of(createdAt, updatedAt));
    }
}
