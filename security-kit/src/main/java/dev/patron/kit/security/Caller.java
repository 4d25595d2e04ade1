package dev.patron.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who made the request, as the {@link AccessTokenFilter} verified it: the back office, or a storefront acting for
 * nobody or for the signed-in customer whose token it sent. Handlers whose answer depends on the caller (a shopper's
 * own orders, the carts of a customer) read it from the request.
 *
 * @param clientId   the API client whose access token the call carries
 * @param customerId the customer whose valid customer token came with a storefront call; empty for the back office
 */
public record Caller(TokenScope scope, String clientId, Optional<String> customerId) {

    private static final String ATTRIBUTE = Caller.class.getName();

    public static Caller backOffice(String clientId) {
        return new Caller(TokenScope.BACK_OFFICE, clientId, Optional.empty());
    }

    public static Caller storefront(String clientId) {
        return new Caller(TokenScope.STOREFRONT, clientId, Optional.empty());
    }

    public static Caller customer(String clientId, String customerId) {
        return new Caller(TokenScope.STOREFRONT, clientId, Optional.of(customerId));
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
        return find(request).orElseThrow(() -> new IllegalStateException("No verified caller on this request"));
    }

    /** The verified caller, if the request needed one (calls open to anyone, such as getting a token, have none). */
    public static Optional<Caller> find(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Caller known ? Optional.of(known) : Optional.empty();
    }

    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }
}
