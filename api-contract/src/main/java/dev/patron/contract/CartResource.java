package dev.patron.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The contract's cart: {@code id} is the reference the client chose. {@code relationships.customers} names the
 * customers it belongs to, when it belongs to any.
 */
public record CartResource(
        String type,
        String id,
        String name,
        String description,
        @JsonInclude(JsonInclude.Include.NON_NULL) Relationships relationships,
        Meta meta) {

    public static final String TYPE = "cart";

    public static CartResource of(String reference, List<String> customerIds, DisplayPrice totals,
                                  Instant createdAt, Instant updatedAt) {
        Relationships relationships = customerIds.isEmpty() ? null : new Relationships(new Customers(
                customerIds.stream().map(id -> new ResourceIdentifier(CustomerResource.TYPE, id)).toList()));
        return new CartResource(TYPE, reference, reference, "", relationships,
                new Meta(totals, new ResourceMeta.Timestamps(createdAt, updatedAt)));
    }

    public record Relationships(Customers customers) {
    }

    public record Customers(List<ResourceIdentifier> data) {
    }

    public record Meta(@JsonProperty("display_price") DisplayPrice displayPrice, ResourceMeta.Timestamps timestamps) {
    }

    /** The items of a cart, with the cart's totals: the answer of {@code GET /v2/carts/:ref/items} and of changes. */
    public record Items(List<LineItemResource> data, Meta meta) {
    }
}
