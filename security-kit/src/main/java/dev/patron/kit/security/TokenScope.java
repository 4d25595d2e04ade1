package dev.patron.kit.security;

import java.util.Arrays;
import java.util.Optional;

/** What an access token lets its holder do; carried in the token's {@code scope} claim. */
public enum TokenScope {
    /** A client-credentials token: the store's own systems, allowed everything. */
    BACK_OFFICE("back-office"),
    /** An implicit token: a shop front acting for anonymous shoppers. */
    STOREFRONT("storefront");

    private final String claimValue;

    TokenScope(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    static Optional<TokenScope> fromClaim(Object claimValue) {
        return Arrays.stream(values()).filter(scope -> scope.claimValue.equals(claimValue)).findFirst();
    }
}
