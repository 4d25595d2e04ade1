package dev.patron.kit.security;

import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The claims of tokens this process has verified, so that a client sending the same bearer token with every request
 * costs one signature check, not one per request (an ES256 check is the most expensive part of a cheap request).
 * <p>
 * A claim set is reused until the token expires, and at most for {@code reuseAtMost}: a token signed with a key that
 * was rotated out stops being accepted within that time, as it does when the key set is fetched again. Only
 * successful verifications are remembered. Bounded: beyond {@code capacity} tokens, expired ones are dropped, and
 * if that is not enough, all (they are verified again on their next use).
 */
final class VerifiedTokens {

    private final int capacity;
    private final Duration reuseAtMost;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(int capacity, Duration reuseAtMost, Clock clock) {
        this.capacity = capacity;
        this.reuseAtMost = reuseAtMost;
        this.clock = clock;
    }

    /** The token's claims, remembered or else from {@code verification}, which throws for a token it refuses. */
    JWTClaimsSet claimsOf(String token, Supplier<JWTClaimsSet> verification) {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null && now.isBefore(known.reuseUntil())) {
            return known.claims();
        }
        JWTClaimsSet claims = verification.get();
        remember(token, claims, now);
        return claims;
    }

    private void remember(String token, JWTClaimsSet claims, Instant now) {
        Instant reuseUntil = now.plus(reuseAtMost);
        Optional<Instant> expiry = Optional.ofNullable(claims.getExpirationTime()).map(Date::toInstant);
        if (expiry.isPresent() && expiry.get().isBefore(reuseUntil)) {
            reuseUntil = expiry.get();
        }
        if (verified.size() >= capacity) {
            verified.values().removeIf(entry -> !now.isBefore(entry.reuseUntil()));
            if (verified.size() >= capacity) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(claims, reuseUntil));
    }

    int size() {
        return verified.size();
    }

    private record Verified(JWTClaimsSet claims, Instant reuseUntil) {
    }
}
