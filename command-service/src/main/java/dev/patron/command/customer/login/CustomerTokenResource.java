package dev.patron.command.customer.login;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The contract's customer token object.
 *
 * @param id      the token's own id ({@code jti})
 * @param expires epoch seconds
 */
record CustomerTokenResource(
        String type,
        String id,
        @JsonProperty("customer_id") String customerId,
        String token,
        long expires) {

    static final String TYPE = "token";
}
