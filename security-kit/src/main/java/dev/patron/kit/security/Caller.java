package dev.patron.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who made the request, as the {@link AccessTokenFilter} verified it: the back office, or a storefront acting for
 * nobody or for the signed-in customer whose token it sent. Handlers whose answer depends on the caller (a shopper's
 * own orders, the carts of a customer) read it from the request.
 *
 * @param customerId the customer whose valid customer token came with a storefront call; empty for the back office
 */
public record Caller(TokenScope scope, Optional<String> customerId) {

    private static final String ATTRIBUTE = Caller.class.getName();

    public static Caller backOffice() {
        return new Caller(TokenScope.BACK_OFFICE, Optional.empty());
    }

    public static Caller storefront() {
        return new Caller(TokenScope.STOREFRONT, Optional.empty());
    }

    public static Caller customer(String customerId) {
        return new Caller(TokenScope.STOREFRONT, Optional.of(customerId));
    }

    public boolean isBackOffice() {
        return scope == TokenScope.BACK_OFFICE;
    }

    /** Whether this caller may act on the data of {@code customerId}: the back office, or that very customer. */
    public boolean mayActFor(String customerId) {
        return isBackOffice() || this.customerId.filter(customerId::equals).isPresent();
    }

    /**
     * The caller of a request that passed the filter. A request that reached a handler without passing it (which
     * the filter's registration for every path rules out) would have no caller: that is a server fault, not a client's.
     */
    public static Caller of(HttpServletRequest request) {
        Object caller = request.getAttribute(ATTRIBUTE);
        if (!(caller instanceof Caller known)) {
            throw new IllegalStateException("No verified caller on this request");
        }
        return known;
    }

    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }
}
