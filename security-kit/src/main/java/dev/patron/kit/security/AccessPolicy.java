package dev.patron.kit.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.patron.kit.security.AllowedCaller.ANYONE;
import static dev.patron.kit.security.AllowedCaller.SHOPPER;
import static dev.patron.kit.security.AllowedCaller.SIGNED_IN_CUSTOMER;
import static dev.patron.kit.security.AllowedCaller.STOREFRONT;
import static dev.patron.kit.security.AllowedCaller.THAT_CUSTOMER;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Who may call what, for every Patron service, in one table. A call no rule names is for the back office only,
 * so a new endpoint is closed to storefronts until a line here opens it.
 */
public final class AccessPolicy {

    /** The path variable {@link AllowedCaller#THAT_CUSTOMER} compares with the customer token's subject. */
    static final String CUSTOMER_ID_VARIABLE = "customerId";

    private static final PathPatternParser PARSER = new PathPatternParser();

    private static final List<AccessRule> PATRON_API = List.of(
            // Health and metrics are served on the management port (management.server.port), where this filter does
            // not run; on the API port these paths are simply not found, for every caller alike.
            rule(Set.of(GET), "/actuator/**", ANYONE),
            rule(Set.of(POST), "/oauth/access_token", ANYONE),
            rule(Set.of(GET), "/oauth/jwks", ANYONE),
            rule(Set.of(GET), "/.well-known/jwks.json", ANYONE),
            rule(Set.of(GET), "/openapi.json", ANYONE),
            // The console's page and scripts (/console itself included) hold nothing of anyone; what it shows comes from
            // the API, with a token. Every method, so that one it does not take is a 405 from its handler, not a 401.
            rule(Set.of(GET, POST, PUT, PATCH, DELETE), "/console/**", ANYONE),
            rule(Set.of(POST), "/v2/customers", STOREFRONT),
            rule(Set.of(POST), "/v2/customers/tokens", STOREFRONT),
            rule(Set.of(GET, PUT, DELETE), "/v2/customers/{customerId}", THAT_CUSTOMER),
            rule(Set.of(GET, POST), "/v2/customers/{customerId}/addresses", THAT_CUSTOMER),
            rule(Set.of(GET, PUT, DELETE), "/v2/customers/{customerId}/addresses/{addressId}", THAT_CUSTOMER),
            rule(Set.of(GET), "/v2/customers/{customerId}/history", THAT_CUSTOMER),
            // A cart is reached by its reference, which only its shopper knows; once it is a customer's cart, only
            // with that customer's token (checked where the cart is known).
            rule(Set.of(GET), "/v2/carts", SIGNED_IN_CUSTOMER),
            rule(Set.of(GET), "/v2/carts/{cartReference}", SHOPPER),
            rule(Set.of(GET, POST, DELETE), "/v2/carts/{cartReference}/items", SHOPPER),
            rule(Set.of(PUT, DELETE), "/v2/carts/{cartReference}/items/{itemId}", SHOPPER),
            rule(Set.of(POST), "/v2/carts/{cartReference}/relationships/customers", SIGNED_IN_CUSTOMER),
            rule(Set.of(POST), "/v2/carts/{cartReference}/checkout", SHOPPER),
            // A shopper's order history; paying, changing and anonymizing orders are the back office's.
            rule(Set.of(GET), "/v2/orders", SIGNED_IN_CUSTOMER),
            rule(Set.of(GET), "/v2/orders/{orderId}", SIGNED_IN_CUSTOMER),
            rule(Set.of(GET), "/v2/orders/{orderId}/items", SIGNED_IN_CUSTOMER));

    private final List<AccessRule> rules;

    private AccessPolicy(List<AccessRule> rules) {
        this.rules = rules;
    }

    public static AccessPolicy patronApi() {
        return new AccessPolicy(PATRON_API);
    }

    /** What a call needs, and the customer id in its path when the rule is {@link AllowedCaller#THAT_CUSTOMER}. */
    public record Requirement(AllowedCaller allowedCaller, Optional<String> customerIdInPath) {
    }

    public Requirement requirementFor(String method, PathContainer path) {
        // HEAD is answered by the GET handler, so it must pass the same gate and no other.
        HttpMethod effectiveMethod = HttpMethod.HEAD.matches(method) ? GET : HttpMethod.valueOf(method);
        for (AccessRule rule : rules) {
            if (!rule.methods().contains(effectiveMethod)) {
                continue;
            }
            PathPattern.PathMatchInfo match = rule.pathPattern().matchAndExtract(path);
            if (match != null) {
                return new Requirement(rule.allowedCaller(),
                        Optional.ofNullable(match.getUriVariables().get(CUSTOMER_ID_VARIABLE)));
            }
        }
        return new Requirement(AllowedCaller.BACK_OFFICE_ONLY, Optional.empty());
    }

    private static AccessRule rule(Set<HttpMethod> methods, String pattern, AllowedCaller allowedCaller) {
        return new AccessRule(methods, PARSER.parse(pattern), allowedCaller);
    }
}
