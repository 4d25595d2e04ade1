package dev.patron.command.customer.login;

import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID provider (mock-oauth2-server: discovery, authorization endpoint with PKCE, token endpoint, signed ID
 * tokens, JWKS) on a random loopback port, one per test JVM, and a browser's part of the authorization-code flow.
 */
final class TestIdentityProvider {

    static final String CLIENT_ID = "patron-shop";
    static final String CLIENT_SECRET = "patron-shop-secret";
    static final URI REDIRECT_URI = URI.create("https://shop.example.com/sso/callback");
    private static final String ISSUER_ID = "shoppers";
    private static final HttpClient BROWSER =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static MockOAuth2Server server;

    private TestIdentityProvider() {
    }

    /** What the storefront holds after the provider redirected the shopper back to it. */
    record AuthorizationCode(String code, URI redirectUri, String codeVerifier) {
    }

    static synchronized String issuer() {
        if (server == null) {
            server = new MockOAuth2Server();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "identity-provider-shutdown"));
        }
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /**
     * Signs {@code subject} in at the provider the way a browser does: the authorization request with a PKCE
     * challenge, and the code from the redirect. The ID token the code will be exchanged for names {@code subject}
     * and carries {@code claims} (which may also override standard ones such as {@code iss} or {@code aud}).
     * <p>
     * The provider issues what it was given here at the next exchange of any code, and any exchange takes one: so
     * exchange every code once, in the order obtained. (This version also exchanges codes it never issued, or issued
     * and saw exchanged already, its issue #543; what it does refuse is a code with the wrong PKCE verifier.)
     *
     * @param lifetimeSeconds of the ID token; negative for one that has already expired
     */
    static AuthorizationCode signIn(String subject, Map<String, Object> claims, long lifetimeSeconds) {
        server.enqueueCallback(
                new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", null, claims, lifetimeSeconds));
        CodeVerifier verifier = new CodeVerifier();
        URI authorize = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "email", "profile"), new ClientID(CLIENT_ID), REDIRECT_URI)
                .endpointURI(server.authorizationEndpointUrl(ISSUER_ID).uri())
                .state(new State())
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        try {
            HttpResponse<Void> redirect = BROWSER.send(HttpRequest.newBuilder(authorize).build(),
                    HttpResponse.BodyHandlers.discarding());
            URI backToShop = URI.create(redirect.headers().firstValue("Location").orElseThrow(
                    () -> new IllegalStateException("no redirect from the authorization endpoint: " + redirect)));
            String code = AuthorizationResponse.parse(backToShop).toSuccessResponse().getAuthorizationCode().getValue();
            return new AuthorizationCode(code, REDIRECT_URI, verifier.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static AuthorizationCode signIn(String subject, Map<String, Object> claims) {
        return signIn(subject, claims, 3600);
    }
}
