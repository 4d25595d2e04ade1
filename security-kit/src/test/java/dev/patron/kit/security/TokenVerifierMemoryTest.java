package dev.patron.kit.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.patron.kit.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TokenVerifier} remembers the tokens it verified (see {@link VerifiedTokens}), so a client sending the same
 * token with every request costs one signature check. What must hold, because each is a way to accept a token that
 * should be refused: reuse ends at the token's expiry and at the latest after five minutes (a token signed with a key
 * that was rotated out is refused within that time); a token verified as one kind is never accepted as the other kind
 * from memory; and a refused token is not remembered.
 * <p>
 * Every real verification asks the key source for the signing key once, so the key lookups counted here are the
 * verifications. The verifier's memory runs on a clock the test moves; the signature and expiry checks themselves use
 * the real time, which is why tokens here are issued for an hour unless said otherwise.
 */
class TokenVerifierMemoryTest {

    private final ECKey signingKey = TokenSigner.generateSigningKey();
    private final TokenSigner signer = new TokenSigner(signingKey, TestTokens.AUDIENCE, Clock.systemUTC());
    private final CountingKeySource keys = new CountingKeySource(new JWKSet(signingKey.toPublicJWK()));
    private final MovableClock clock = new MovableClock(Instant.now());
    private final TokenVerifier verifier = new TokenVerifier(keys, TestTokens.AUDIENCE, clock);

    @Test
    void anAccessTokenVerifiedOnceIsNotVerifiedAgain() {
        String token = accessToken(TokenScope.BACK_OFFICE, Duration.ofHours(1));

        AccessToken first = verifier.verifyAccessToken(token);
        clock.advance(Duration.ofMinutes(4));
        AccessToken again = verifier.verifyAccessToken(token);
        AccessToken andAgain = verifier.verifyAccessToken(token);

        assertThat(first).isEqualTo(new AccessToken("client", TokenScope.BACK_OFFICE));
        assertThat(again).isEqualTo(first);
        assertThat(andAgain).isEqualTo(first);
        assertThat(keys.lookups()).isEqualTo(1);
    }

    @Test
    void aCustomerTokenVerifiedOnceIsNotVerifiedAgain() {
        String token = signer.issueCustomerToken("customer-1", 3, Duration.ofHours(1)).value();

        assertThat(verifier.verifyCustomerToken(token)).isEqualTo(new CustomerToken("customer-1", 3));
        assertThat(verifier.verifyCustomerToken(token)).isEqualTo(new CustomerToken("customer-1", 3));

        assertThat(keys.lookups()).isEqualTo(1);
    }

    @Test
    void eachTokenIsRememberedOnItsOwn() {
        String one = accessToken(TokenScope.STOREFRONT, Duration.ofHours(1));
        String other = accessToken(TokenScope.BACK_OFFICE, Duration.ofHours(1));

        assertThat(verifier.verifyAccessToken(one).scope()).isEqualTo(TokenScope.STOREFRONT);
        assertThat(verifier.verifyAccessToken(other).scope()).isEqualTo(TokenScope.BACK_OFFICE);
        assertThat(verifier.verifyAccessToken(one).scope()).isEqualTo(TokenScope.STOREFRONT);
        assertThat(verifier.verifyAccessToken(other).scope()).isEqualTo(TokenScope.BACK_OFFICE);

        assertThat(keys.lookups()).isEqualTo(2);
    }

    @Test
    void reuseEndsAtTheTokensExpiry() {
        String token = accessToken(TokenScope.STOREFRONT, Duration.ofMinutes(2));
        verifier.verifyAccessToken(token);

        clock.advance(Duration.ofSeconds(119));
        verifier.verifyAccessToken(token);
        assertThat(keys.lookups()).as("reused just before the expiry").isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        verifier.verifyAccessToken(token);
        assertThat(keys.lookups()).as("verified again after the expiry").isEqualTo(2);
    }

    @Test
    void reuseEndsAfterFiveMinutesEvenForALongLivedToken() {
        String token = accessToken(TokenScope.STOREFRONT, Duration.ofHours(1));
        verifier.verifyAccessToken(token);

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        verifier.verifyAccessToken(token);
        assertThat(keys.lookups()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        verifier.verifyAccessToken(token);
        assertThat(keys.lookups()).as("verified again after five minutes").isEqualTo(2);

        clock.advance(Duration.ofMinutes(4));
        verifier.verifyAccessToken(token);
        assertThat(keys.lookups()).as("remembered anew for five minutes").isEqualTo(2);
    }

    @Test
    void aTokenOfAKeyRotatedOutIsRefusedOnceFiveMinutesHavePassed() {
        String token = signer.issueCustomerToken("customer-1", CustomerToken.NO_PASSWORD_SET, Duration.ofHours(1))
                .value();
        verifier.verifyCustomerToken(token);
        ECKey rotatedIn = TokenSigner.generateSigningKey();
        keys.publish(new JWKSet(rotatedIn.toPublicJWK()));

        clock.advance(Duration.ofMinutes(4));
        assertThat(verifier.verifyCustomerToken(token).customerId()).isEqualTo("customer-1");

        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> verifier.verifyCustomerToken(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aCustomerTokenIsNeverAcceptedAsAnAccessTokenNorTheOtherWayRound() {
        String customerToken = signer.issueCustomerToken("customer-1", 1, Duration.ofHours(1)).value();
        String accessToken = accessToken(TokenScope.BACK_OFFICE, Duration.ofHours(1));
        verifier.verifyCustomerToken(customerToken);
        verifier.verifyAccessToken(accessToken);

        assertThatThrownBy(() -> verifier.verifyAccessToken(customerToken)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verifyCustomerToken(accessToken)).isInstanceOf(InvalidTokenException.class);
        // Refused each time, not remembered as refused either way.
        assertThatThrownBy(() -> verifier.verifyAccessToken(customerToken)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verifyCustomerToken(accessToken)).isInstanceOf(InvalidTokenException.class);

        int lookups = keys.lookups();
        assertThat(verifier.verifyCustomerToken(customerToken)).isEqualTo(new CustomerToken("customer-1", 1));
        assertThat(verifier.verifyAccessToken(accessToken).scope()).isEqualTo(TokenScope.BACK_OFFICE);
        assertThat(keys.lookups()).as("each still remembered as its own kind").isEqualTo(lookups);
    }

    @Test
    void aRefusedTokenIsCheckedAgainEveryTime() {
        String forged = ForgedTokens.signedByAnotherKeyClaiming(signingKey);

        assertThatThrownBy(() -> verifier.verifyAccessToken(forged)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verifyAccessToken(forged)).isInstanceOf(InvalidTokenException.class);

        assertThat(keys.lookups()).isEqualTo(2);
    }

    @Test
    void aTokenThatCouldNotBeCheckedIsCheckedAgainOnceTheKeysAreBack() {
        String token = accessToken(TokenScope.STOREFRONT, Duration.ofHours(1));
        keys.unreachable(true);
        assertThatThrownBy(() -> verifier.verifyAccessToken(token)).isInstanceOf(SigningKeysUnavailableException.class);

        keys.unreachable(false);

        assertThat(verifier.verifyAccessToken(token).scope()).isEqualTo(TokenScope.STOREFRONT);
        assertThat(keys.lookups()).isEqualTo(2);
    }

    @Test
    void anExpiredTokenIsRefusedAndNotRemembered() {
        String expired = accessToken(TokenScope.BACK_OFFICE, AuthMatrix.EXPIRED_TEN_MINUTES_AGO);

        assertThatThrownBy(() -> verifier.verifyAccessToken(expired)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verifyAccessToken(expired)).isInstanceOf(InvalidTokenException.class);
    }

    private String accessToken(TokenScope scope, Duration timeToLive) {
        return signer.issueAccessToken("client", scope, timeToLive).value();
    }

    /** The trusted key set, counting the key lookups (one per real verification), and able to fail like a JWKS URL. */
    private static final class CountingKeySource implements JWKSource<SecurityContext> {

        private final AtomicReference<JWKSet> published;
        private final AtomicInteger lookups = new AtomicInteger();
        private final AtomicBoolean unreachable = new AtomicBoolean();

        CountingKeySource(JWKSet keys) {
            this.published = new AtomicReference<>(keys);
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            lookups.incrementAndGet();
            if (unreachable.get()) {
                throw new KeySourceException("the key set cannot be fetched");
            }
            return selector.select(published.get());
        }

        void publish(JWKSet keys) {
            published.set(keys);
        }

        void unreachable(boolean unreachable) {
            this.unreachable.set(unreachable);
        }

        int lookups() {
            return lookups.get();
        }
    }
}
