package dev.patron.kit.security;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
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

        assertThat(verifier.verifyAccessToken(signedBy(rotatedKey)).scope()).isEqualTo(TokenScope.STOREFRONT);
        assertThat(fetches).hasValue(2);
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

    private static TokenVerifier verifierReading(URL jwksUrl) {
        return new TokenVerifier(JWKSourceBuilder.<SecurityContext>create(jwksUrl).build(), TestTokens.AUDIENCE);
    }

    private static String signedBy(ECKey key) {
        return new TokenSigner(key, TestTokens.AUDIENCE, Clock.systemUTC())
                .issueAccessToken("shop", TokenScope.STOREFRONT, TestTokens.LIFETIME).value();
    }
}
