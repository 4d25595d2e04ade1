package dev.patron.command.customer.login;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.patron.eventstore.privacy.LookupKeys;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which customer each OpenID Connect identity signs in as: one document per identity, {@code _id} = the lookup key of
 * {@code issuer|subject} (a keyed hash, {@link LookupKeys}: the subject is personal data), so MongoDB's unique
 * {@code _id} lets an identity belong to one customer only and signing in is one {@code _id} lookup. The link is also recorded as {@code OidcIdentityLinked} in the customer's events;
 * this collection is the lookup that events cannot give. A second one, {@value #BY_CUSTOMER}, lists each customer's
 * identities under the customer's id, so that forgetting a deleted customer's links is {@code _id} lookups too
 * (the embedded MongoDB server would scan for a query on any other field).
 */
@Component
class OidcLinks {

    static final String COLLECTION = "oidc_links";
    static final String BY_CUSTOMER = "oidc_links_by_customer";
    private static final String CUSTOMER_ID = "customer_id";
    private static final String IDENTITIES = "identities";

    private final MongoCollection<Document> links;
    private final MongoCollection<Document> byCustomer;
    private final LookupKeys lookupKeys;

    OidcLinks(MongoDatabase database, LookupKeys lookupKeys) {
        this.links = database.getCollection(COLLECTION);
        this.byCustomer = database.getCollection(BY_CUSTOMER);
        this.lookupKeys = lookupKeys;
        moveLinksStoredUnderIdentities();
    }

    /** Links (and lists of them) an earlier Patron stored under {@code issuer|subject} itself move to its lookup key. */
    private void moveLinksStoredUnderIdentities() {
        if (lookupKeys.moveEntriesStoredUnderValues(links) == 0) {
            return;
        }
        byCustomer.find(Filters.exists(IDENTITIES)).forEach(listed -> {
            List<String> identities = listed.getList(IDENTITIES, String.class, List.of());
            List<String> keyed = identities.stream()
                    .map(identity -> LookupKeys.isLookupKey(identity) ? identity : lookupKeys.of(identity)).toList();
            if (!keyed.equals(identities)) {
                byCustomer.updateOne(eq("_id", listed.get("_id")), Updates.set(IDENTITIES, keyed));
            }
        });
    }

    Optional<String> customerLinkedTo(OidcIdentity identity) {
        return Optional.ofNullable(links.find(eq("_id", key(identity))).first())
                .map(link -> link.getString(CUSTOMER_ID));
    }

    /**
     * Links the identity to the customer, unless a sign-in running at the same time linked it first.
     *
     * @return the customer the identity is linked to now
     */
    String link(OidcIdentity identity, String customerId) {
        // Listed under the customer first: a listed identity that is not linked is harmless, an unlisted link would
        // outlive the customer's deletion.
        byCustomer.updateOne(eq("_id", customerId), Updates.addToSet(IDENTITIES, key(identity)),
                new UpdateOptions().upsert(true));
        try {
            links.insertOne(new Document("_id", key(identity)).append(CUSTOMER_ID, customerId));
            return customerId;
        } catch (MongoWriteException write) {
            if (write.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw write;
            }
            return customerLinkedTo(identity).orElseThrow(() -> write);
        }
    }

    /** Removes the identity's link if it is to this customer (checked before the delete, by {@code _id}). */
    void unlink(OidcIdentity identity, String customerId) {
        if (customerLinkedTo(identity).filter(customerId::equals).isPresent()) {
            links.deleteOne(eq("_id", key(identity)));
        }
        byCustomer.updateOne(eq("_id", customerId), Updates.pull(IDENTITIES, key(identity)));
    }

    /** Removes the customer's links; the subjects in their keys are personal data. */
    void forgetCustomer(String customerId) {
        Document listed = byCustomer.find(eq("_id", customerId)).first();
        if (listed == null) {
            return;
        }
        List<String> identities = listed.getList(IDENTITIES, String.class, List.of());
        for (Document link : links.find(in("_id", identities))) {
            if (customerId.equals(link.getString(CUSTOMER_ID))) {
                links.deleteOne(eq("_id", link.getString("_id")));
            }
        }
        byCustomer.deleteOne(eq("_id", customerId));
    }

    private String key(OidcIdentity identity) {
        return lookupKeys.of(identity.issuer() + "|" + identity.subject());
    }
}
