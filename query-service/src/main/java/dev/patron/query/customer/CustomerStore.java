package dev.patron.query.customer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import dev.patron.customfields.FieldValues;
import dev.patron.eventstore.privacy.LookupKeys;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.PasswordSet;
import dev.patron.query.projection.BatchedCollection;
import dev.patron.query.projection.BatchedReadModel;
import dev.patron.query.projection.KeyIndex;
import dev.patron.query.projection.ReadModelCollections;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The customer read model in MongoDB: {@code _id} is the customer id and {@code version} the sequence number of the
 * last applied event. Every write and every single-customer read addresses a document by {@code _id}, the access
 * path that is fast on any MongoDB server. The projection's writes are gathered over each batch of events (see
 * {@link BatchedCollection}); the customers' documents are written last, after the lookups and tombstones.
 */
@Component
class CustomerStore implements BatchedReadModel {

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
    /** The custom field values, a subdocument keyed by slug; a filter on one names {@code customFields.<slug>}. */
    static final String CUSTOM_FIELDS = "customFields";
    /** The field of the lookup documents that holds the customers having a value. */
    static final String CUSTOMER_IDS = "customerIds";

    private final ReadModelCollections collections;
    private final BatchedCollection customerWrites;
    private final BatchedCollection tombstones;
    private final KeyIndex emails;
    private final KeyIndex externalRefs;

    CustomerStore(ReadModelCollections collections, LookupKeys lookupKeys) {
        this.collections = collections;
        this.customerWrites = new BatchedCollection(collections, CUSTOMERS);
        this.tombstones = new BatchedCollection(collections, TOMBSTONES);
        this.emails = KeyIndex.ofPersonalValues(collections, EMAILS, CUSTOMER_IDS, lookupKeys);
        this.externalRefs = KeyIndex.ofPersonalValues(collections, EXTERNAL_REFS, CUSTOMER_IDS, lookupKeys);
        createIndexes(collections.current());
    }

    /**
     * On a real MongoDB: the default listing order (newest first, ties by id), and a wildcard index over the custom
     * field values, which serves an equality or range term on any custom field, whichever fields the store defines
     * later. The embedded server ignores non-unique indexes (and scans for such terms).
     */
    @Override
    public void createIndexes(long generation) {
        MongoCollection<Document> customers = collections.collection(CUSTOMERS, generation);
        customers.createIndex(Indexes.compoundIndex(Indexes.descending(CREATED_AT), Indexes.ascending(ID)));
        customers.createIndex(Indexes.ascending(CUSTOM_FIELDS + ".$**"));
    }

    Optional<StoredCustomer> find(String id) {
        return customerWrites.find(id).map(CustomerStore::fromDocument);
    }

    List<StoredCustomer> find(Bson filter, Bson sort, int skip, int limit) {
        return collections.collection(CUSTOMERS).find(filter).sort(sort).skip(skip).limit(limit).map(CustomerStore::fromDocument)
                .into(new ArrayList<>());
    }

    long count(Bson filter) {
        return collections.collection(CUSTOMERS).countDocuments(filter);
    }

    Set<String> idsByEmailKeys(Collection<?> emailKeys) {
        return emails.ids(emailKeys);
    }

    Set<String> idsByExternalRefs(Collection<?> refs) {
        return externalRefs.ids(refs);
    }

    /**
     * Writes the new state of a customer. The lookups go first and the document, whose version marks the event as
     * applied, last: if the process dies in between, the event is delivered again and all of it is redone.
     */
    void save(Optional<StoredCustomer> previous, StoredCustomer next) {
        emails.move(next.id(), previous.map(StoredCustomer::emailKey).orElse(null), next.emailKey());
        externalRefs.move(next.id(), previous.map(StoredCustomer::externalRef).orElse(null), next.externalRef());
        customerWrites.save(toDocument(next));
    }

    /**
     * Removes a customer for good. The tombstone stays, so that an older event of this customer delivered again
     * later (redelivery, replay) cannot bring the document back.
     */
    void delete(StoredCustomer customer, long version) {
        emails.remove(customer.id(), customer.emailKey());
        externalRefs.remove(customer.id(), customer.externalRef());
        markDeleted(customer.id(), version);
        customerWrites.delete(customer.id());
    }

    /** Keeps the highest version deleted at, so a late or repeated deletion never lowers it. */
    void markDeleted(String id, long version) {
        long deletedAt = tombstones.find(id).map(tombstone -> Math.max(tombstone.get(VERSION, Number.class).longValue(),
                version)).orElse(version);
        tombstones.save(new Document(ID, id).append(VERSION, deletedAt));
    }

    boolean isDeleted(String id) {
        return tombstones.find(id).isPresent();
    }

    @Override
    public List<BatchedCollection> collections() {
        return List.of(emails.writes(), externalRefs.writes(), tombstones, customerWrites);
    }

    /**
     * The batch's customers and their tombstones, then the lookup entries of the emails and references they had and
     * get: a handful of {@code $in} lookups for the whole batch.
     */
    @Override
    public void prefetch(List<? extends EventMessage<?>> events) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> emailKeys = new LinkedHashSet<>();
        Set<String> refs = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            if (event.getPayload() instanceof CustomerCreated created) {
                ids.add(created.customerId());
                addKeys(emailKeys, refs, created.email(), created.externalRef());
            } else if (event.getPayload() instanceof CustomerUpdated updated) {
                ids.add(updated.customerId());
                addKeys(emailKeys, refs, updated.email(), updated.externalRef());
            } else if (event.getPayload() instanceof PasswordSet passwordSet) {
                ids.add(passwordSet.customerId());
            } else if (event.getPayload() instanceof CustomerDeleted deleted) {
                ids.add(deleted.customerId());
            }
        }
        customerWrites.load(ids);
        tombstones.load(ids);
        ids.forEach(id -> find(id).ifPresent(customer -> addKeys(emailKeys, refs, customer.email(), customer.externalRef())));
        emails.prefetch(emailKeys);
        externalRefs.prefetch(refs);
    }

    private static void addKeys(Set<String> emailKeys, Set<String> refs, String email, String externalRef) {
        if (email != null) {
            emailKeys.add(StoredCustomer.emailKeyOf(email));
        }
        if (externalRef != null) {
            refs.add(externalRef);
        }
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
                .append(UPDATED_AT, Date.from(customer.updatedAt()))
                .append(CUSTOM_FIELDS, new Document(customer.customFields()));
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
                document.getDate(UPDATED_AT).toInstant(),
                FieldValues.stored(document.get(CUSTOM_FIELDS, Document.class)));
    }
}
