package dev.patron.kit.security;

/**
 * Which kind of token a JWT is, carried in the {@code token_type} claim. Both kinds are signed with the same key,
 * so without this claim a customer token could be replayed as an access token or the other way round.
 */
enum TokenType {
    ACCESS("access"),
    CUSTOMER("customer");

    static final String CLAIM = "token_type";

    private final String claimValue;

    TokenType(String claimValue) {
        this.claimValue = claimValue;
    }

    String claimValue() {
        return claimValue;
    }
}
