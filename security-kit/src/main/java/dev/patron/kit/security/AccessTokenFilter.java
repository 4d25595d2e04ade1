package dev.patron.kit.security;

import dev.patron.contract.ApiError;
import dev.patron.kit.web.ErrorResponseWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Lets a request through only when its tokens satisfy the {@link AccessPolicy} and its customer token, if it needs
 * one, has not been revoked. Every service runs it itself, so a request that bypasses the gateway meets the same
 * checks.
 */
public final class AccessTokenFilter extends OncePerRequestFilter {

    public static final String CUSTOMER_TOKEN_HEADER = "X-Moltin-Customer-Token";

    private static final Logger log = LoggerFactory.getLogger(AccessTokenFilter.class);
    private static final String BEARER_PREFIX = "bearer ";
    private static final String CUSTOMER_TOKEN = "customer token";
    private static final String CUSTOMER_TOKEN_INVALID = invalidTokenDetail(CUSTOMER_TOKEN);
    /**
     * Paths a servlet container or Spring might read differently from the policy (dot segments, empty segments,
     * matrix parameters, encoded separators or dots): refused, so the rule checked is the handler reached.
     */
    private static final Pattern AMBIGUOUS_PATH =
            Pattern.compile("//|/\\.\\.?(/|$)|;|\\\\|%2f|%5c|%2e|%25", Pattern.CASE_INSENSITIVE);

    private final TokenVerifier verifier;
    private final AccessPolicy policy;
    private final Optional<CustomerTokenRevocations> revocations;
    private final ErrorResponseWriter errorResponseWriter;

    /** @param revocations empty only in a service without a database, where nothing can have been revoked */
    public AccessTokenFilter(TokenVerifier verifier, AccessPolicy policy,
                             Optional<CustomerTokenRevocations> revocations, ErrorResponseWriter errorResponseWriter) {
        this.verifier = verifier;
        this.policy = policy;
        this.revocations = revocations;
        this.errorResponseWriter = errorResponseWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (AMBIGUOUS_PATH.matcher(request.getRequestURI()).find()) {
            reject(response, HttpStatus.BAD_REQUEST, "The request path is malformed");
            return;
        }
        AccessPolicy.Requirement requirement = policy.requirementFor(request.getMethod(),
                RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication());
        if (requirement.allowedCaller() == AllowedCaller.ANYONE) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> bearerToken = bearerToken(request);
        if (bearerToken.isEmpty()) {
            rejectUnauthenticated(response, "An access token is required: Authorization: Bearer <access_token>");
            return;
        }
        Optional<AccessToken> accessToken =
                verified(() -> verifier.verifyAccessToken(bearerToken.get()), "access token", response);
        if (accessToken.isEmpty()) {
            return;
        }
        if (accessToken.get().scope() == TokenScope.BACK_OFFICE) {
            Caller.backOffice(accessToken.get().clientId()).attachTo(request);
            chain.doFilter(request, response);
            return;
        }
        String customerToken = request.getHeader(CUSTOMER_TOKEN_HEADER);
        boolean customerTokenSent = customerToken != null && !customerToken.isBlank();
        if (requirement.allowedCaller() == AllowedCaller.STOREFRONT
                || requirement.allowedCaller() == AllowedCaller.SHOPPER && !customerTokenSent) {
            Caller.storefront(accessToken.get().clientId()).attachTo(request);
            chain.doFilter(request, response);
            return;
        }
        if (requirement.allowedCaller() == AllowedCaller.BACK_OFFICE_ONLY) {
            reject(response, HttpStatus.FORBIDDEN, "This call needs a back-office (client_credentials) token");
            return;
        }
        if (!customerTokenSent) {
            reject(response, HttpStatus.FORBIDDEN, "This call needs a back-office token or a customer token");
            return;
        }
        Optional<CustomerToken> signedIn =
                verified(() -> verifier.verifyCustomerToken(customerToken.strip()), CUSTOMER_TOKEN, response);
        if (signedIn.isEmpty()) {
            return;
        }
        if (revocations.isPresent() && revocations.get().isRevoked(signedIn.get())) {
            // The same answer as for any invalid token: a revoked one is simply no longer valid.
            rejectUnauthenticated(response, CUSTOMER_TOKEN_INVALID);
            return;
        }
        if (requirement.allowedCaller() == AllowedCaller.THAT_CUSTOMER
                && !requirement.customerIdInPath().equals(Optional.of(signedIn.get().customerId()))) {
            // Same answer whether or not that other customer exists: nothing about them is revealed.
            reject(response, HttpStatus.FORBIDDEN, "A customer token gives access to that customer's own data only");
            return;
        }
        Caller.customer(accessToken.get().clientId(), signedIn.get().customerId()).attachTo(request);
        chain.doFilter(request, response);
    }

    /** The verified token, or empty once the response says why it was refused. */
    private <T> Optional<T> verified(Supplier<T> verification, String tokenName, HttpServletResponse response)
            throws IOException {
        try {
            return Optional.of(verification.get());
        } catch (SigningKeysUnavailableException keysUnavailable) {
            log.warn("Cannot verify tokens: {}", keysUnavailable.getMessage());
            reject(response, HttpStatus.SERVICE_UNAVAILABLE, "Tokens cannot be verified right now; try again shortly");
        } catch (InvalidTokenException invalid) {
            log.debug("Refused a {}: {}", tokenName, invalid.getMessage());
            rejectUnauthenticated(response, invalidTokenDetail(tokenName));
        }
        return Optional.empty();
    }

    private static String invalidTokenDetail(String tokenName) {
        return "The " + tokenName + " is invalid or has expired";
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER_PREFIX)) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER_PREFIX.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private void rejectUnauthenticated(HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        reject(response, HttpStatus.UNAUTHORIZED, detail);
    }

    private void reject(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        errorResponseWriter.write(response, ApiError.of(status, detail));
    }
}
