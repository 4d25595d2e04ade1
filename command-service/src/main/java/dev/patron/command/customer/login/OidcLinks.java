package dev.patron.command.customer.login;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which customer each OpenID Connect identity signs in as: one document per identity, {@code _id} =
 * {@code issuer|subject}, so MongoDB's unique {@code _id} lets an identity belong to one customer only and signing
 * in is one {@code _id} lookup. The link is also recorded as {@code OidcIdentityLinked} in the customer's events;
 * this collection is the lookup that events cannot give.
 */
@Component
class OidcLinks {

    static final String COLLECTION = "oidc_links";
    private static final String CUSTOMER_ID = "customer_id";

    private final MongoCollection<Document> links;

    OidcLinks(MongoDatabase database) {
        this.links = database.getCollection(COLLECTION);
        // For forgetting a deleted customer's links, which is rare; sign-ins use _id.
        links.createIndex(Indexes.ascending(CUSTOMER_ID));
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

    void unlink(OidcIdentity identity, String customerId) {
        links.deleteOne(and(eq("_id", key(identity)), eq(CUSTOMER_ID, customerId)));
    }

    /** Removes the customer's links; the subjects in their keys are personal data. */
    void forgetCustomer(String customerId) {
        links.deleteMany(eq(CUSTOMER_ID, customerId));
    }

    private static String key(OidcIdentity identity) {
        return identity.issuer() + "|" + identity.subject();
    }
}
