package dev.patron.command.customer.login;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.command.auth.AccessTokenIssuer;
import dev.patron.kit.security.IssuedToken;
import dev.patron.contract.ApiError;
import dev.patron.contract.ApiException;
import dev.patron.contract.DataDocument;
import dev.patron.contract.ErrorDocument;
import dev.patron.command.customer.EmailAddresses;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.TextRule;
import dev.patron.contract.Validation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v2/customers/tokens}: a customer token for an email and password, or for an OpenID Connect
 * authorization code. Answers 200 (as the platform does; any 2xx satisfies the official SDK): nothing addressable
 * is created.
 */
@RestController
class CustomerTokenController {

    static final String PATH = "/v2/customers/tokens";
    static final String REFUSED = "The email address or password is not valid";
    static final String LOCKED_OUT = "Too many failed sign-ins for this email address; try again later";
    private static final String MECHANISM = "authentication_mechanism";
    /**
     * Longer than a password Patron sets (128), for customers imported with the hash of a longer one; short enough
     * that no hash function is handed a body's worth of text.
     */
    private static final TextRule PASSWORD = TextRule.secret(1024);
    private static final TextRule OAUTH_PARAMETER = TextRule.line(2048);
    /** RFC 7636: 43 to 128 characters. */
    private static final TextRule CODE_VERIFIER = TextRule.secret(128);

    private final PasswordSignIn passwordSignIn;
    private final OidcSignIn oidcSignIn;
    private final AccessTokenIssuer tokenIssuer;

    CustomerTokenController(PasswordSignIn passwordSignIn, OidcSignIn oidcSignIn, AccessTokenIssuer tokenIssuer) {
        this.passwordSignIn = passwordSignIn;
        this.oidcSignIn = oidcSignIn;
        this.tokenIssuer = tokenIssuer;
    }

    /**
     * The mechanism is optional in the contract and then means a password. A password sign-in's source is the client
     * address as this service sees it: the peer's, or the client's that a trusted proxy (the gateway) forwarded, which
     * the servlet container puts in its place; never a header read here.
     */
    @PostMapping(PATH)
    ResponseEntity<?> issue(@RequestBody JsonNode body, HttpServletRequest http) {
        RequestDocument request = RequestDocument.read(body, CustomerTokenResource.TYPE);
        String mechanism = Objects.requireNonNullElse(request.text(MECHANISM, TextRule.CHOICE),
                SignInMechanism.PASSWORD);
        return switch (mechanism) {
            case SignInMechanism.PASSWORD -> answer(signInWithPassword(request, SignInSource.of(http.getRemoteAddr())));
            case SignInMechanism.OIDC -> answer(signInWithOidc(request));
            default -> {
                request.requireWellFormed();
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                        MECHANISM + " must be \"password\" or \"oidc\"", RequestDocument.source(MECHANISM));
            }
        };
    }

    private SignInOutcome signInWithPassword(RequestDocument request, SignInSource source) {
        String email = request.text("email", EmailAddresses.TEXT);
        String password = request.text("password", PASSWORD);
        Validation validation = Validation.of(request);
        request.requireWellFormed();
        validation
                .check(email != null && !email.isBlank(), RequestDocument.source("email"), "email is required")
                .check(password != null && !password.isEmpty(), RequestDocument.source("password"),
                        "password is required")
                .throwIfInvalid();
        return passwordSignIn.signIn(email, password, source);
    }

    private SignInOutcome signInWithOidc(RequestDocument request) {
        String code = request.text("oauth_authorization_code", OAUTH_PARAMETER);
        String redirectUri = request.text("oauth_redirect_uri", OAUTH_PARAMETER);
        String codeVerifier = request.text("oauth_code_verifier", CODE_VERIFIER);
        Validation validation = Validation.of(request);
        request.requireWellFormed();
        validation
                .check(code != null && !code.isBlank(), RequestDocument.source("oauth_authorization_code"),
                        "oauth_authorization_code is required")
                .check(redirectUri != null && isAbsoluteUri(redirectUri), RequestDocument.source("oauth_redirect_uri"),
                        "oauth_redirect_uri must be the absolute URI the code was sent to")
                .check(codeVerifier != null, RequestDocument.source("oauth_code_verifier"),
                        "oauth_code_verifier is required")
                .throwIfInvalid();
        return oidcSignIn.signIn(code, URI.create(redirectUri), codeVerifier);
    }

    private ResponseEntity<?> answer(SignInOutcome outcome) {
        if (outcome instanceof SignInOutcome.SignedIn signedIn) {
            IssuedToken token = tokenIssuer.customerToken(signedIn.customerId(), signedIn.credentialVersion());
            CustomerTokenResource resource = new CustomerTokenResource(CustomerTokenResource.TYPE, token.id(),
                    signedIn.customerId(), token.value(), token.expiresAt().getEpochSecond());
            // Tokens are credentials: no cache on the way may keep a copy.
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
                    .body(DataDocument.of(resource));
        }
        if (outcome instanceof SignInOutcome.LockedOut lockedOut) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(secondsUntil(lockedOut.until())))
                    .body(ErrorDocument.of(ApiError.of(HttpStatus.TOO_MANY_REQUESTS, LOCKED_OUT)));
        }
        throw new ApiException(HttpStatus.UNAUTHORIZED, REFUSED);
    }

    /** Rounded up, and at least 1: a client retrying after {@code Retry-After} must find the lockout over. */
    private static long secondsUntil(Instant until) {
        Duration left = Duration.between(GenericEventMessage.clock.instant(), until);
        return Math.max(1, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            return URI.create(value).isAbsolute();
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }
}
