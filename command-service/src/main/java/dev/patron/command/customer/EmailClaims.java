package dev.patron.command.customer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Keeps email addresses unique across customers, under concurrency and across service instances: before an
 * address enters a customer's events it is claimed here, in a document whose {@code _id} is the normalised
 * address, so MongoDB's unique {@code _id} lets exactly one customer hold it. Event-sourced aggregates cannot
 * check each other; this collection is the one place that can.
 */
@Component
public class EmailClaims {

    static final String COLLECTION = "email_claims";
    private static final String CUSTOMER_ID = "customerId";

    private final MongoCollection<Document> claims;

    public EmailClaims(MongoDatabase database) {
        this.claims = database.getCollection(COLLECTION);
    }

    /**
     * Claims {@code email} for the customer in one atomic upsert: it matches only the customer's own claim, and
     * otherwise inserts, which fails on the unique {@code _id} when another customer holds the address.
     *
     * @return {@code true} if this call made the claim, {@code false} if the customer already held it
     * @throws EmailTakenException if another customer holds the address
     */
    public boolean claim(String email, String customerId) {
        try {
            return claims.updateOne(
                            and(eq("_id", EmailAddresses.normalise(email)), eq(CUSTOMER_ID, customerId)),
                            Updates.setOnInsert("claimedAt", new Date()),
                            new UpdateOptions().upsert(true))
                    .getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new EmailTakenException();
            }
            throw e;
        }
    }

    /** The customer holding {@code email}, if any: one {@code _id} lookup. */
    public Optional<String> holder(String email) {
        return Optional.ofNullable(claims.find(eq("_id", EmailAddresses.normalise(email))).first())
                .map(claim -> claim.getString(CUSTOMER_ID));
    }

    /** Gives up the customer's claim on {@code email}; a claim held by someone else is left alone. */
    public void release(String email, String customerId) {
        claims.deleteOne(and(eq("_id", EmailAddresses.normalise(email)), eq(CUSTOMER_ID, customerId)));
    }

    /** Another customer already uses the address. The message names no address: it is personal data. */
    public static class EmailTakenException extends RuntimeException {

        EmailTakenException() {
            super("The email address belongs to another customer");
        }
    }
}
