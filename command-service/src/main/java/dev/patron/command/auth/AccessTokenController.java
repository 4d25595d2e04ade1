package dev.patron.command.auth;

import dev.patron.kit.security.IssuedToken;
import dev.patron.kit.security.TokenScope;
import dev.patron.contract.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /oauth/access_token}: {@code client_credentials} (id and secret) gives a back-office token,
 * {@code implicit} (id only, as a shop front in a browser cannot keep a secret) a storefront token.
 */
@RestController
class AccessTokenController {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenController.class);
    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String IMPLICIT = "implicit";

    private final ClientCredentials client;
    private final AccessTokenIssuer issuer;

    AccessTokenController(ClientCredentials client, AccessTokenIssuer issuer) {
        this.client = client;
        this.issuer = issuer;
        if (!client.canIssueBackOfficeTokens()) {
            log.warn("PATRON_CLIENT_ID and PATRON_CLIENT_SECRET are not both set: no back-office tokens will be issued");
        }
    }

    @PostMapping(path = "/oauth/access_token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<AccessTokenResponse> issue(
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "client_secret", required = false) String clientSecret) {
        if (grantType == null || grantType.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "grant_type is required", "grant_type");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "client_id is required", "client_id");
        }
        return switch (grantType) {
            case CLIENT_CREDENTIALS -> {
                if (clientSecret == null || clientSecret.isEmpty()) {
                    throw new ApiException(HttpStatus.BAD_REQUEST, "client_secret is required", "client_secret");
                }
                if (!client.areThese(clientId, clientSecret)) {
                    throw invalidClient();
                }
                yield answer(issuer.accessToken(clientId, TokenScope.BACK_OFFICE), CLIENT_CREDENTIALS);
            }
            case IMPLICIT -> {
                if (!client.isClientId(clientId)) {
                    throw invalidClient();
                }
                yield answer(issuer.accessToken(clientId, TokenScope.STOREFRONT), IMPLICIT);
            }
            default -> throw new ApiException(HttpStatus.BAD_REQUEST,
                    "grant_type must be client_credentials or implicit", "grant_type");
        };
    }

    private ResponseEntity<AccessTokenResponse> answer(IssuedToken token, String grantType) {
        AccessTokenResponse body = new AccessTokenResponse(token.value(), "Bearer",
                token.expiresAt().getEpochSecond(), issuer.accessTokenLifetime().toSeconds(), grantType);
        // Tokens are credentials: no cache on the way may keep a copy (RFC 6749, 5.1).
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
    }

    /** The same answer for a wrong id and a wrong secret: which one was wrong is not told. */
    private static ApiException invalidClient() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "The client credentials are not valid");
    }
}
