package dev.patron.kit.security;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.patron.kit.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The memory of verified tokens stays bounded whatever tokens clients send: at its capacity it first drops what may
 * no longer be reused and, if that frees nothing, forgets everything (those tokens are simply verified again). A small
 * capacity stands in for the verifier's ten thousand; the verification is a stand-in counting its calls.
 */
class VerifiedTokensTest {

    private static final int CAPACITY = 3;

    private final MovableClock clock = new MovableClock(Instant.parse("2025-06-01T10:00:00Z"));
    private final VerifiedTokens memory = new VerifiedTokens(CAPACITY, Duration.ofMinutes(5), clock);
    private final Map<String, Integer> verifications = new HashMap<>();

    @Test
    void neverHoldsMoreThanItsCapacity() {
        for (int i = 0; i < 50; i++) {
            claimsOf("token-" + i, Duration.ofHours(1));
            assertThat(memory.size()).isLessThanOrEqualTo(CAPACITY);
        }
    }

    @Test
    void atCapacityDropsTokensThatMayNoLongerBeReusedAndKeepsTheOthers() {
        claimsOf("short-lived", Duration.ofMinutes(1));
        claimsOf("long-lived-1", Duration.ofHours(1));
        claimsOf("long-lived-2", Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(2));

        claimsOf("newcomer", Duration.ofHours(1));

        assertThat(memory.size()).isEqualTo(CAPACITY);
        claimsOf("long-lived-1", Duration.ofHours(1));
        claimsOf("long-lived-2", Duration.ofHours(1));
        claimsOf("newcomer", Duration.ofHours(1));
        assertThat(verifications).containsEntry("long-lived-1", 1).containsEntry("long-lived-2", 1)
                .containsEntry("newcomer", 1);
    }

    @Test
    void atCapacityWithNothingToDropForgetsAllAndVerifiesThemAgainOnTheirNextUse() {
        claimsOf("first", Duration.ofHours(1));
        claimsOf("second", Duration.ofHours(1));
        claimsOf("third", Duration.ofHours(1));

        claimsOf("fourth", Duration.ofHours(1));

        assertThat(memory.size()).isEqualTo(1);
        claimsOf("fourth", Duration.ofHours(1));
        claimsOf("first", Duration.ofHours(1));
        assertThat(verifications).containsEntry("fourth", 1).containsEntry("first", 2);
    }

    @Test
    void aFailedVerificationLeavesNothingBehind() {
        Supplier<JWTClaimsSet> refusing = () -> {
            throw new InvalidTokenException("bad signature");
        };

        assertThatThrownBy(() -> memory.claimsOf("forged", refusing)).isInstanceOf(InvalidTokenException.class);

        assertThat(memory.size()).isZero();
    }

    @Test
    void aTokenWithoutExpiryIsReusedForFiveMinutesAtMost() {
        memory.claimsOf("no-expiry", () -> verified("no-expiry", null));
        clock.advance(Duration.ofMinutes(5));
        memory.claimsOf("no-expiry", () -> verified("no-expiry", null));

        assertThat(verifications).containsEntry("no-expiry", 2);
    }

    private JWTClaimsSet claimsOf(String token, Duration timeToLive) {
        return memory.claimsOf(token, () -> verified(token, Date.from(clock.instant().plus(timeToLive))));
    }

    private JWTClaimsSet verified(String token, Date expiry) {
        verifications.merge(token, 1, Integer::sum);
        return new JWTClaimsSet.Builder().subject(token).expirationTime(expiry).build();
    }
}
