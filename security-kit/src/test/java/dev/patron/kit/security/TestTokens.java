package dev.patron.kit.security;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * A token authority for tests of any service: a fresh P-256 key, its public half served as a JWKS over real HTTP
 * on loopback, and tokens minted by the production {@link TokenSigner}. Point the service under test at it with
 * {@code patron.auth.jwks-uri = tokens.jwksUri()} (e.g. from a {@code @DynamicPropertySource}).
 */
public final class TestTokens implements AutoCloseable {

    public static final TokenAudience AUDIENCE = new TokenAudience("patron", "patron-api");
    public static final Duration LIFETIME = Duration.ofHours(1);

    private final ECKey signingKey;
    private final HttpServer jwksServer;
    private final TokenSigner signer;

    private TestTokens(ECKey signingKey, HttpServer jwksServer) {
        this.signingKey = signingKey;
        this.jwksServer = jwksServer;
        this.signer = new TokenSigner(signingKey, AUDIENCE, Clock.systemUTC());
    }

    public static TestTokens start() {
        ECKey signingKey = TokenSigner.generateSigningKey();
        byte[] jwks = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/oauth/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
            return new TestTokens(signingKey, server);
        } catch (IOException cannotListen) {
            throw new UncheckedIOException(cannotListen);
        }
    }

    public String jwksUri() {
        InetSocketAddress address = jwksServer.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort() + "/oauth/jwks";
    }

    public ECKey signingKey() {
        return signingKey;
    }

    public String backOffice() {
        return signer.issueAccessToken("test-client", TokenScope.BACK_OFFICE, LIFETIME).value();
    }

    public String storefront() {
        return signer.issueAccessToken("test-client", TokenScope.STOREFRONT, LIFETIME).value();
    }

    /** A customer token of a customer who has no password, or one the token predates no revocation of. */
    public String customer(String customerId) {
        return customer(customerId, CustomerToken.NO_PASSWORD_SET);
    }

    public String customer(String customerId, long credentialVersion) {
        return signer.issueCustomerToken(customerId, credentialVersion, LIFETIME).value();
    }

    /** A customer token that expired ten minutes ago. */
    public String expiredCustomer(String customerId) {
        return signer.issueCustomerToken(customerId, CustomerToken.NO_PASSWORD_SET, AuthMatrix.EXPIRED_TEN_MINUTES_AGO)
                .value();
    }

    /** A back-office token that expired ten minutes ago, well past any clock-skew allowance. */
    public String expiredBackOffice() {
        return signer.issueAccessToken("test-client", TokenScope.BACK_OFFICE, AuthMatrix.EXPIRED_TEN_MINUTES_AGO).value();
    }

    @Override
    public void close() {
        jwksServer.stop(0);
    }
}
