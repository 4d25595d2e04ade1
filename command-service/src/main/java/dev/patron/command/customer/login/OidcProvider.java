package dev.patron.command.customer.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.patron.contract.ApiException;
import dev.patron.contract.RequestDocument;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The configured OpenID provider: turns an authorization code into a validated identity. Its endpoints and keys
 * are discovered on first use (and again after a failed discovery), so the service starts while the provider is
 * down. The ID token must be signed by one of the provider's published keys with an asymmetric algorithm it
 * declares, and name the provider as {@code iss}, this client in {@code aud}, and a valid {@code exp} and
 * {@code iat}. Why a code or token was refused is logged, never told: the client gets one 401.
 */
@Component
class OidcProvider {

    static final String SIGN_IN_FAILED = "The single sign-on could not be verified";
    private static final Logger log = LoggerFactory.getLogger(OidcProvider.class);

    private final OidcProperties properties;
    private volatile Discovered discovered;

    OidcProvider(OidcProperties properties) {
        this.properties = properties;
    }

    private record Discovered(URI tokenEndpoint, IDTokenValidator validator) {
    }

    OidcIdentity identify(String code, URI redirectUri, String codeVerifier) {
        if (!properties.isConfigured()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Single sign-on is not configured",
                    RequestDocument.source("authentication_mechanism"));
        }
        Discovered provider = discovered();
        JWT idToken = exchange(provider.tokenEndpoint(), code, redirectUri, verifier(codeVerifier));
        try {
            return OidcIdentity.of(provider.validator().validate(idToken, null));
        } catch (KeySourceException keysUnreachable) {
            throw unavailable("fetching its keys", keysUnreachable);
        } catch (BadJOSEException | JOSEException rejected) {
            log.info("Refused an ID token: {}", rejected.getMessage());
            throw signInFailed();
        }
    }

    private Discovered discovered() {
        Discovered known = discovered;
        if (known != null) {
            return known;
        }
        int timeoutMillis = (int) properties.timeout().toMillis();
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(
                    new Issuer(properties.issuer()), timeoutMillis, timeoutMillis);
            Set<JWSAlgorithm> asymmetric = metadata.getIDTokenJWSAlgs().stream()
                    .filter(JWSAlgorithm.Family.SIGNATURE::contains)
                    .collect(Collectors.toSet());
            var keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL()).retrying(true).build();
            IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(properties.clientId()),
                    new JWSVerificationKeySelector<>(asymmetric, keys), null);
            known = new Discovered(metadata.getTokenEndpointURI(), validator);
            discovered = known;
            return known;
        } catch (GeneralException | IOException discoveryFailed) {
            throw unavailable("discovering its configuration", discoveryFailed);
        }
    }

    private JWT exchange(URI tokenEndpoint, String code, URI redirectUri, CodeVerifier codeVerifier) {
        AuthorizationCodeGrant grant =
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, codeVerifier);
        ClientID client = new ClientID(properties.clientId());
        TokenRequest request = properties.hasClientSecret()
                ? new TokenRequest.Builder(tokenEndpoint,
                        new ClientSecretBasic(client, new Secret(properties.clientSecret())), grant).build()
                : new TokenRequest.Builder(tokenEndpoint, client, grant).build();
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout((int) properties.timeout().toMillis());
        http.setReadTimeout((int) properties.timeout().toMillis());
        try {
            TokenResponse response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess()) {
                log.info("The identity provider refused an authorization code: {}",
                        response.toErrorResponse().getErrorObject().getCode());
                throw signInFailed();
            }
            if (!(response.toSuccessResponse() instanceof OIDCTokenResponse oidc)) {
                log.info("The identity provider answered an authorization code without an ID token");
                throw signInFailed();
            }
            return oidc.getOIDCTokens().getIDToken();
        } catch (IOException | ParseException exchangeFailed) {
            throw unavailable("exchanging an authorization code", exchangeFailed);
        }
    }

    private static CodeVerifier verifier(String codeVerifier) {
        try {
            return new CodeVerifier(codeVerifier);
        } catch (IllegalArgumentException malformed) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "oauth_code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' and '~'",
                    RequestDocument.source("oauth_code_verifier"));
        }
    }

    static ApiException signInFailed() {
        return new ApiException(HttpStatus.UNAUTHORIZED, SIGN_IN_FAILED);
    }

    private static ApiException unavailable(String whileDoing, Exception cause) {
        log.warn("The identity provider failed while {}: {}", whileDoing, cause.toString());
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                "The identity provider cannot be reached right now; try again shortly");
    }
}
