package dev.patron.query.customer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.patron.kit.web.ResourceMeta;

/** A customer as the contract shows it. {@code password} only says whether one is set; no hash ever leaves. */
record CustomerResource(
        String type,
        String id,
        String name,
        String email,
        boolean password,
        @JsonProperty("external_ref") String externalRef,
        ResourceMeta meta) {

    static final String TYPE = "customer";

    static CustomerResource of(StoredCustomer customer) {
        return new CustomerResource(TYPE, customer.id(), customer.name(), customer.email(), customer.hasPassword(),
                customer.externalRef(), ResourceMeta.of(customer.createdAt(), customer.updatedAt()));
    }
}
