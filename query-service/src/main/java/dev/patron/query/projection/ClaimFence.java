package dev.patron.query.projection;

import dev.patron.eventstore.spring.PatronEventStoreProperties;
import java.time.Duration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.stereotype.Component;

/**
 * Lets a batch of the projection write only while this process holds the projection's claim.
 * <p>
 * A claim lapses when its holder has not renewed it for the claim timeout, and another instance of the query service
 * then takes it, while the first may still be in a batch it began before (held up by a database restart, or a long
 * pause). Had that batch written then, it would have put back documents older than the ones the other instance had
 * written meanwhile: the crash test with two instances found a customer showing an address it had changed. So the
 * claim is renewed right before each write, which fails once another instance holds it. A write then reaches the
 * database before the renewed claim can lapse, provided the claim timeout is longer than the longest a write can be
 * held up: the wait for the database ({@code patron.mongo.server-selection-timeout}) of each of the commands a bulk
 * write of one collection is sent as (inserts, replacements, deletions), and a margin. That is checked at start.
 * (A database that accepts a write and then hangs is not covered; one that is killed fails the write.)
 */
@Component
class ClaimFence {

    /** The commands a bulk write of one collection becomes at most: its inserts, its replacements, its deletions. */
    static final int COMMANDS_PER_WRITE = 3;
    static final Duration MARGIN = Duration.ofSeconds(2);

    private final TokenStore tokenStore;

    ClaimFence(TokenStore tokenStore, PatronEventStoreProperties properties) {
        Duration longestWrite = properties.mongo().serverSelectionTimeout().multipliedBy(COMMANDS_PER_WRITE)
                .plus(MARGIN);
        if (properties.eventStore().claimTimeout().compareTo(longestWrite) <= 0) {
            throw new IllegalStateException("patron.event-store.claim-timeout (" + properties.eventStore().claimTimeout()
                    + ") must be longer than " + COMMANDS_PER_WRITE + " times patron.mongo.server-selection-timeout ("
                    + properties.mongo().serverSelectionTimeout() + ") and " + MARGIN.toSeconds() + " s, or a"
                    + " projection batch could write after another instance has taken over the projection");
        }
        this.tokenStore = tokenStore;
    }

    /** Renews this process's claim of the segment; fails (UnableToClaimTokenException) when another instance holds it. */
    void renew(String processor, int segment) {
        tokenStore.extendClaim(processor, segment);
    }
}
