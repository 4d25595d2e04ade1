package dev.patron.query.customer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The customer read model in MongoDB. Collection {@code customers} is a contract with the command service: {@code _id}
 * is the customer id and {@code version} the sequence number of the last applied event. Every write and every
 * single-customer read addresses a document by {@code _id}, the access path that is fast on any MongoDB server.
 */
@Component
class CustomerStore {

    static final String CUSTOMERS = "customers";
    static final String TOMBSTONES = "customer_tombstones";
    static final String EMAILS = "customer_emails";
    static final String EXTERNAL_REFS = "customer_external_refs";

    static final String ID = "_id";
    static final String VERSION = "version";
    static final String NAME = "name";
    static final String EMAIL = "email";
    static final String EMAIL_KEY = "emailKey";
    static final String EXTERNAL_REF = "externalRef";
    static final String HAS_PASSWORD = "hasPassword";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";

    private final MongoCollection<Document> customers;
    private final MongoCollection<Document> tombstones;
    private final CustomerKeyIndex emails;
    private final CustomerKeyIndex externalRefs;

    CustomerStore(MongoDatabase database) {
        this.customers = database.getCollection(CUSTOMERS);
        this.tombstones = database.getCollection(TOMBSTONES);
        this.emails = new CustomerKeyIndex(database.getCollection(EMAILS));
        this.externalRefs = new CustomerKeyIndex(database.getCollection(EXTERNAL_REFS));
        // Serves the default listing order (newest first, ties by id) on a real MongoDB; the embedded server
        // ignores non-unique indexes.
        customers.createIndex(Indexes.compoundIndex(Indexes.descending(CREATED_AT), Indexes.ascending(ID)));
    }

    Optional<StoredCustomer> find(String id) {
        return Optional.ofNullable(customers.find(Filters.eq(ID, id)).first()).map(CustomerStore::fromDocument);
    }

    List<StoredCustomer> find(Bson filter, Bson sort, int skip, int limit) {
        return customers.find(filter).sort(sort).skip(skip).limit(limit).map(CustomerStore::fromDocument)
                .into(new ArrayList<>());
    }

    long count(Bson filter) {
        return customers.countDocuments(filter);
    }

    Set<String> idsByEmailKeys(Collection<?> emailKeys) {
        return emails.customerIds(emailKeys);
    }

    Set<String> idsByExternalRefs(Collection<?> refs) {
        return externalRefs.customerIds(refs);
    }

    /**
     * Writes the new state of a customer. The lookups go first and the document, whose version marks the event as
     * applied, last: if the process dies in between, the event is delivered again and all of it is redone.
     */
    void save(Optional<StoredCustomer> previous, StoredCustomer next) {
        emails.move(next.id(), previous.map(StoredCustomer::emailKey).orElse(null), next.emailKey());
        externalRefs.move(next.id(), previous.map(StoredCustomer::externalRef).orElse(null), next.externalRef());
        customers.replaceOne(Filters.eq(ID, next.id()), toDocument(next), new ReplaceOptions().upsert(true));
    }

    /**
     * Removes a customer for good. The tombstone stays, so that an older event of this customer delivered again
     * later (redelivery, replay) cannot bring the document back.
     */
    void delete(StoredCustomer customer, long version) {
        emails.remove(customer.id(), customer.emailKey());
        externalRefs.remove(customer.id(), customer.externalRef());
        markDeleted(customer.id(), version);
        customers.deleteOne(Filters.eq(ID, customer.id()));
    }

    void markDeleted(String id, long version) {
        tombstones.updateOne(Filters.eq(ID, id), Updates.max(VERSION, version), new UpdateOptions().upsert(true));
    }

    boolean isDeleted(String id) {
        return tombstones.find(Filters.eq(ID, id)).first() != null;
    }

    private static Document toDocument(StoredCustomer customer) {
        return new Document(ID, customer.id())
                .append(VERSION, customer.version())
                .append(NAME, customer.name())
                .append(EMAIL, customer.email())
                .append(EMAIL_KEY, customer.emailKey())
                .append(EXTERNAL_REF, customer.externalRef())
                .append(HAS_PASSWORD, customer.hasPassword())
                .append(CREATED_AT, Date.from(customer.createdAt()))
                .append(UPDATED_AT, Date.from(customer.updatedAt()));
    }

    private static StoredCustomer fromDocument(Document document) {
        return new StoredCustomer(
                document.getString(ID),
                document.get(VERSION, Number.class).longValue(),
                document.getString(NAME),
                document.getString(EMAIL),
                document.getString(EXTERNAL_REF),
                document.getBoolean(HAS_PASSWORD, false),
                document.getDate(CREATED_AT).toInstant(),
                document.getDate(UPDATED_AT).toInstant());
    }
}
