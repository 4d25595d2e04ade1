package dev.patron.kit.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RetryingJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The signing keys a service that does not sign trusts: the key set published at {@code patron.auth.jwks-uri},
 * cached (five minutes) and fetched again early when a token names a key id the cached set lacks, which is how a
 * rotated key is picked up.
 * <p>
 * Anyone can send a token naming any key id, so the fetches are limited here, below the cache: the key set is fetched
 * at most once per {@link #MIN_FETCH_INTERVAL}. A set fetched less than that ago is current, and a key id it lacks is
 * not Patron's: the token is invalid (401), answered from the set in hand without a fetch. Only a key set that could
 * not be fetched makes a token unjudgeable (503): when the last attempt, less than that interval ago, failed, its
 * failure is the answer again, also without a fetch. Either way a flood of tokens with made-up key ids costs one
 * fetch per interval at most.
 */
final class PublishedSigningKeys<C extends SecurityContext> extends JWKSetSourceWrapper<C> {

    /**
     * Short, because a key rotated in right after a fetch is refused for up to this long; long enough that made-up
     * key ids cost the key set's publisher nothing worth mentioning.
     */
    static final Duration MIN_FETCH_INTERVAL = Duration.ofSeconds(10);

    private final Duration minFetchInterval;
    private final Clock clock;
    private JWKSet lastFetched;
    private KeySourceException lastFailure;
    private Instant lastAttemptAt;

    private PublishedSigningKeys(JWKSetSource<C> fetcher, Duration minFetchInterval, Clock clock) {
        super(fetcher);
        this.minFetchInterval = minFetchInterval;
        this.clock = clock;
    }

    /** The keys published at {@code jwksUrl}, cached, fetched at most once per {@link #MIN_FETCH_INTERVAL}. */
    static JWKSource<SecurityContext> at(URL jwksUrl) {
        return at(jwksUrl, MIN_FETCH_INTERVAL, Clock.systemUTC());
    }

    static JWKSource<SecurityContext> at(URL jwksUrl, Duration minFetchInterval, Clock clock) {
        var fetcher = new RetryingJWKSetSource<SecurityContext>(new URLBasedJWKSetSource<>(jwksUrl,
                new DefaultResourceRetriever(JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT,
                        JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT)), null);
        // The builder's own rate limit throws once reached, which reads as "keys unavailable" (503) for a token
        // that merely names an unknown key id; this class's limit answers with the set in hand instead.
        return JWKSourceBuilder.create(new PublishedSigningKeys<>(fetcher, minFetchInterval, clock))
                .rateLimited(false)
                .build();
    }

    /** Called by the cache when it has no valid set or lacks a key a token names. */
    @Override
    public synchronized JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, C context)
            throws KeySourceException {
        Instant now = clock.instant();
        if (lastAttemptAt != null && now.isBefore(lastAttemptAt.plus(minFetchInterval))) {
            if (lastFailure != null) {
                throw new KeySourceException("the key set could not be fetched moments ago", lastFailure);
            }
            return lastFetched;
        }
        lastAttemptAt = now;
        try {
            lastFetched = getSource().getJWKSet(refreshEvaluator, currentTime, context);
            lastFailure = null;
            return lastFetched;
        } catch (KeySourceException failure) {
            lastFailure = failure;
            throw failure;
        }
    }
}
