package dev.patron.command.customer;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.patron.eventstore.UniqueInserts;
import dev.patron.eventstore.privacy.LookupKeys;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Keeps email addresses unique across customers, under concurrency and across service instances: before an
 * address enters a customer's events it is claimed here, in a document whose {@code _id} is the lookup key of the
 * normalised address ({@link LookupKeys}: a keyed hash, so the address itself is stored nowhere here), and MongoDB's
 * unique {@code _id} lets exactly one customer hold it. Event-sourced aggregates cannot check each other; this
 * collection is the one place that can. Claims an earlier Patron stored under the address itself are moved to their
 * lookup key when the service starts.
 * <p>
 * Every query names {@code _id} and nothing else, the one shape the embedded MongoDB server answers from an index
 * (a filter on {@code _id} and the holder together makes it scan the whole collection, under its write lock); who
 * holds a claim is checked in code.
 */
@Component
public class EmailClaims {

    static final String COLLECTION = "email_claims";
    static final String CUSTOMER_ID = "customerId";
    static final String CLAIMED_AT = "claimedAt";
    static final String IMPORTED = "imported";

    private final MongoCollection<Document> claims;
    private final LookupKeys lookupKeys;

    public EmailClaims(MongoDatabase database, LookupKeys lookupKeys) {
        this.claims = database.getCollection(COLLECTION);
        this.lookupKeys = lookupKeys;
        lookupKeys.moveEntriesStoredUnderValues(claims);
    }

    /**
     * Claims {@code email} for the customer: an insert, which the unique {@code _id} refuses when the address is
     * held already; then who holds it tells whether that is this customer.
     *
     * @return {@code true} if this call made the claim, {@code false} if the customer already held it
     * @throws EmailTakenException if another customer holds the address
     */
    public boolean claim(String email, String customerId) {
        String key = keyOf(email);
        while (true) {
            try {
                claims.insertOne(claimOf(key, customerId));
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Optional<String> holder = holder(email);
            if (holder.isPresent()) {
                if (holder.get().equals(customerId)) {
                    return false;
                }
                throw new EmailTakenException();
            }
            // Released between the insert and the look: try again.
        }
    }

    /**
     * Claims many addresses at once for customers brought over by an import (one insert of all; the unique
     * {@code _id} refuses those held already), and marks the claims as made by an import, so that an import run
     * again can tell its own earlier claims from addresses other customers hold.
     *
     * @param customerIds by normalised email address, the customer each address is for
     * @return by normalised email address, the customer holding it now and whether an import claimed it
     */
    public Map<String, Claim> claimForImport(Map<String, String> customerIds) {
        Map<String, String> addressesByKey = new LinkedHashMap<>();
        customerIds.keySet().forEach(address -> addressesByKey.put(keyOf(address), address));
        List<Document> claimed = addressesByKey.entrySet().stream()
                .map(entry -> claimOf(entry.getKey(), customerIds.get(entry.getValue())).append(IMPORTED, true))
                .toList();
        Map<String, Claim> outcome = new LinkedHashMap<>();
        customerIds.forEach((address, customerId) -> outcome.put(address, new Claim(customerId, true, true)));
        List<String> heldAlready = UniqueInserts.insertNew(claims, claimed);
        if (!heldAlready.isEmpty()) {
            Map<String, String> releasedMeanwhile = new LinkedHashMap<>();
            heldAlready.forEach(key -> releasedMeanwhile.put(addressesByKey.get(key), customerIds.get(addressesByKey.get(key))));
            claims.find(in("_id", heldAlready)).forEach(holder -> {
                String address = addressesByKey.get(holder.getString("_id"));
                releasedMeanwhile.remove(address);
                outcome.put(address, new Claim(holder.getString(CUSTOMER_ID), false, holder.getBoolean(IMPORTED, false)));
            });
            // Released between the insert and the look: free now, so try again, as claim() does.
            outcome.putAll(claimForImport(releasedMeanwhile));
        }
        return outcome;
    }

    /**
     * Who holds a claimed address.
     *
     * @param madeNow  whether this call made the claim
     * @param imported whether an import made it
     */
    public record Claim(String customerId, boolean madeNow, boolean imported) {
    }

    /** The customer holding {@code email}, if any: one {@code _id} lookup. */
    public Optional<String> holder(String email) {
        return Optional.ofNullable(claims.find(eq("_id", keyOf(email))).first())
                .map(claim -> claim.getString(CUSTOMER_ID));
    }

    /**
     * Gives up the customer's claim on {@code email}; a claim held by someone else is left alone. The holder is
     * checked before the delete rather than in it (see the class comment): a claim the customer holds cannot be
     * taken by anyone else in between, only released.
     */
    public void release(String email, String customerId) {
        if (holder(email).filter(customerId::equals).isPresent()) {
            claims.deleteOne(eq("_id", keyOf(email)));
        }
    }

    private String keyOf(String email) {
        return lookupKeys.of(EmailAddresses.normalise(email));
    }

    private static Document claimOf(String key, String customerId) {
        return new Document("_id", key).append(CUSTOMER_ID, customerId).append(CLAIMED_AT, new Date());
    }

    /** Another customer already uses the address. The message names no address: it is personal data. */
    public static class EmailTakenException extends RuntimeException {

        EmailTakenException() {
            super("The email address belongs to another customer");
        }
    }
}
