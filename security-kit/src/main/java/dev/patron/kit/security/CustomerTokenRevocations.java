package dev.patron.kit.security;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * Which customer tokens no longer count, shared by every service through one small collection: per customer
 * ({@code _id}), the lowest credential version a token must carry. Setting a password raises it to that
 * password's version, deleting the customer to {@link Long#MAX_VALUE}, so that every earlier token stops working
 * in every service that verifies tokens.
 * <p>
 * A check is one {@code _id} lookup, remembered for {@code cacheTtl} (by default not at all): another service
 * instance sees a revocation within that time, the instance that wrote it at once. Customers with no entry (most
 * of them) are remembered too, so with a cache a signed-in shopper costs one lookup per {@code cacheTtl}.
 */
public final class CustomerTokenRevocations {

    static final String COLLECTION = "customer_token_validity";
    static final String MIN_CREDENTIAL_VERSION = "min_credential_version";
    /** Beyond this many remembered customers the memory is dropped whole; it only costs lookups again. */
    private static final int MAX_REMEMBERED = 100_000;
    private static final long NOTHING_REVOKED = Long.MIN_VALUE;

    private final MongoCollection<Document> validity;
    private final long cacheTtlNanos;
    private final Map<String, RememberedMinimum> remembered = new ConcurrentHashMap<>();

    public CustomerTokenRevocations(MongoDatabase database, Duration cacheTtl) {
        this.validity = database.getCollection(COLLECTION);
        this.cacheTtlNanos = cacheTtl.toNanos();
    }

    public boolean isRevoked(CustomerToken token) {
        return token.credentialVersion() < minimumCredentialVersion(token.customerId());
    }

    /** Revokes the customer's tokens issued before their credentials reached {@code credentialVersion}. */
    public void revokeBefore(String customerId, long credentialVersion) {
        // $max: a late or repeated write of an older version never brings revoked tokens back.
        Document entry = validity.findOneAndUpdate(eq("_id", customerId),
                Updates.max(MIN_CREDENTIAL_VERSION, credentialVersion),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        remember(customerId, minimumIn(entry), System.nanoTime());
    }

    /** Revokes every token of the customer, those issued later included: for a deleted customer. */
    public void revokeAll(String customerId) {
        revokeBefore(customerId, Long.MAX_VALUE);
    }

    private long minimumCredentialVersion(String customerId) {
        long now = System.nanoTime();
        RememberedMinimum known = remembered.get(customerId);
        if (known != null && now - known.readAtNanos() < cacheTtlNanos) {
            return known.minimum();
        }
        return remember(customerId, minimumIn(validity.find(eq("_id", customerId)).first()), now);
    }

    /**
     * Minimums only ever grow, so of two reads racing to be remembered the higher one is right whichever lands
     * last: a lookup that started before a revocation cannot undo it here.
     */
    private long remember(String customerId, long minimum, long readAtNanos) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        return remembered.merge(customerId, new RememberedMinimum(minimum, readAtNanos), RememberedMinimum::laterOf)
                .minimum();
    }

    private static long minimumIn(Document entry) {
        return entry == null ? NOTHING_REVOKED : entry.get(MIN_CREDENTIAL_VERSION, Number.class).longValue();
    }

    private record RememberedMinimum(long minimum, long readAtNanos) {

        RememberedMinimum laterOf(RememberedMinimum other) {
            return new RememberedMinimum(Math.max(minimum, other.minimum), Math.max(readAtNanos, other.readAtNanos));
        }
    }
}
