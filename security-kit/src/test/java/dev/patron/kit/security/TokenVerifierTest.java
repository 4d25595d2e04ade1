package dev.patron.kit.security;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.patron.kit.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier against a JWKS served over real HTTP, the way query-service reads the command service's keys. */
class TokenVerifierTest {

    private final ECKey firstKey = TokenSigner.generateSigningKey();
    private final ECKey rotatedKey = TokenSigner.generateSigningKey();
    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(firstKey.toPublicJWK()));
    private final AtomicInteger fetches = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.now());
    private HttpServer jwksServer;

    @AfterEach
    void stopServer() {
        jwksServer.stop(0);
    }

    @Test
    void aTokenSignedWithANewlyPublishedKeyIsAcceptedWithoutWaitingForTheCacheToExpire() throws IOException {
        TokenVerifier verifier = verifierReading(startJwksServer());
        assertThat(verifier.verifyAccessToken(signedBy(firstKey)).scope()).isEqualTo(TokenScope.STOREFRONT);
        assertThat(verifier.verifyAccessToken(signedBy(firstKey)).clientId()).isEqualTo("shop");
        assertThat(fetches).hasValue(1);

        published.set(new JWKSet(List.of(firstKey.toPublicJWK(), rotatedKey.toPublicJWK())));
        clock.advance(PublishedSigningKeys.MIN_FETCH_INTERVAL);

        assertThat(verifier.verifyAccessToken(signedBy(rotatedKey)).scope()).isEqualTo(TokenScope.STOREFRONT);
        assertThat(fetches).hasValue(2);
    }

    /**
     * A token can name any key id. One the key set lacks is an invalid token (401), never "keys unavailable" (503),
     * and however many such tokens arrive, the key set is fetched at most once per interval.
     */
    @Test
    void tokensNamingUnknownKeyIdsAreInvalidAndFetchTheKeySetAtMostOncePerInterval() throws IOException {
        TokenVerifier verifier = verifierReading(startJwksServer());
        verifier.verifyAccessToken(signedBy(firstKey));
        assertThat(fetches).hasValue(1);

        int intervals = 3;
        for (int interval = 1; interval <= intervals; interval++) {
            for (int token = 0; token < 100; token++) {
                String madeUpKeyId = signedBy(new ECKey.Builder(rotatedKey).keyID(UUID.randomUUID().toString())
                        .build());
                assertThatThrownBy(() -> verifier.verifyAccessToken(madeUpKeyId))
                        .isInstanceOf(InvalidTokenException.class);
            }
            clock.advance(PublishedSigningKeys.MIN_FETCH_INTERVAL);
        }

        assertThat(fetches.get()).as("fetches: the first, then at most one per interval").isBetween(1, 1 + intervals);
        assertThat(verifier.verifyAccessToken(signedBy(firstKey)).clientId()).isEqualTo("shop");
    }

    /** Keys that cannot be fetched are asked for again once per interval, not once per token. */
    @Test
    void unreachableKeysAreAskedForAtMostOncePerInterval() throws IOException {
        URL jwksUrl = startJwksServer();
        published.set(null);
        TokenVerifier verifier = verifierReading(jwksUrl);

        for (int token = 0; token < 50; token++) {
            assertThatThrownBy(() -> verifier.verifyAccessToken(signedBy(firstKey)))
                    .isInstanceOf(SigningKeysUnavailableException.class);
        }
        int attemptsInOneInterval = fetches.get();

        published.set(new JWKSet(firstKey.toPublicJWK()));
        clock.advance(PublishedSigningKeys.MIN_FETCH_INTERVAL);
        assertThat(verifier.verifyAccessToken(signedBy(firstKey)).clientId()).isEqualTo("shop");
        assertThat(attemptsInOneInterval).as("one attempt and its one retry").isBetween(1, 2);
    }

    @Test
    void unreachableKeysAreAServiceFaultNotABadToken() throws IOException {
        URL jwksUrl = startJwksServer();
        jwksServer.stop(0);
        TokenVerifier verifier = verifierReading(jwksUrl);

        assertThatThrownBy(() -> verifier.verifyAccessToken(signedBy(firstKey)))
                .isInstanceOf(SigningKeysUnavailableException.class);
    }

    @Test
    void aCustomerTokenNamesItsCredentialVersionAndOneWithoutIsRefused() throws Exception {
        TokenVerifier verifier = verifierReading(startJwksServer());
        TokenSigner signer = new TokenSigner(firstKey, TestTokens.AUDIENCE, Clock.systemUTC());
        String token = signer.issueCustomerToken("customer-1", 7, TestTokens.LIFETIME).value();

        assertThat(verifier.verifyCustomerToken(token)).isEqualTo(new CustomerToken("customer-1", 7));

        JWTClaimsSet withoutVersion = new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())
                .claim(TokenSigner.CREDENTIAL_VERSION_CLAIM, null).build();
        SignedJWT unversioned = new SignedJWT(new JWSHeader.Builder(TokenSigner.ALGORITHM).keyID(firstKey.getKeyID())
                .build(), withoutVersion);
        unversioned.sign(new ECDSASigner(firstKey));
        assertThatThrownBy(() -> verifier.verifyCustomerToken(unversioned.serialize()))
                .isInstanceOf(InvalidTokenException.class);
    }

    private URL startJwksServer() throws IOException {
        jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwksServer.createContext("/oauth/jwks", exchange -> {
            fetches.incrementAndGet();
            if (published.get() == null) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwksServer.start();
        return new URL("http://" + jwksServer.getAddress().getHostString() + ":" + jwksServer.getAddress().getPort()
                + "/oauth/jwks");
    }

    /** The verifier as a service that does not sign builds it, on a clock the test moves. */
    private TokenVerifier verifierReading(URL jwksUrl) {
        return new TokenVerifier(PublishedSigningKeys.at(jwksUrl, PublishedSigningKeys.MIN_FETCH_INTERVAL, clock),
                TestTokens.AUDIENCE);
    }

    private static String signedBy(ECKey key) {
        return new TokenSigner(key, TestTokens.AUDIENCE, Clock.systemUTC())
                .issueAccessToken("shop", TokenScope.STOREFRONT, TestTokens.LIFETIME).value();
    }
}
