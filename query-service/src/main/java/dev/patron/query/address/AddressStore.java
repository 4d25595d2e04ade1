package dev.patron.query.address;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.events.address.AddressCreated;
import dev.patron.customfields.FieldValues;
import dev.patron.events.address.AddressCreated.Details;
import dev.patron.events.address.AddressDeleted;
import dev.patron.events.address.AddressUpdated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.query.projection.BatchedCollection;
import dev.patron.query.projection.BatchedReadModel;
import dev.patron.query.projection.ReadModelCollections;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The address read model in MongoDB: one document per customer, {@code _id} = customer id, holding all of that
 * customer's addresses keyed by address id. Listing a customer's addresses, reading one, changing one and removing
 * them all are each one {@code eq} on {@code _id}, the access path every MongoDB server answers from an index.
 * <p>
 * The layout is a contract with the command service, which waits for its own writes to show:
 * {@code addresses.<addressId>.version} is the sequence number of the last event applied to that address (a
 * deleted address keeps it, marked {@code deleted}), and {@code customerDeleted: true} replaces everything once the
 * customer is deleted.
 * <p>
 * The projection's writes are gathered over each batch of events (see {@link BatchedCollection}).
 * <p>
 * All of one customer's addresses live in one document, so a customer can hold tens of thousands of addresses
 * within MongoDB's 16 MB document limit at the command service's length limits.
 */
@Component
class AddressStore implements BatchedReadModel {

    static final String COLLECTION = "customer_addresses";
    static final String ID = "_id";
    static final String ADDRESSES = "addresses";
    static final String CUSTOMER_DELETED = "customerDeleted";
    static final String VERSION = "version";
    static final String DELETED = "deleted";
    static final String DETAILS = "details";
    static final String CUSTOM_FIELDS = "customFields";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PARTS = new TypeReference<>() {
    };

    private final BatchedCollection customers;

    AddressStore(ReadModelCollections collections) {
        this.customers = new BatchedCollection(collections, COLLECTION);
    }

    Optional<CustomerAddresses> find(String customerId) {
        return customers.find(customerId).map(AddressStore::fromDocument);
    }

    /** Starts a new customer's document with no addresses; leaves an existing (or deleted) customer's alone. */
    void open(String customerId) {
        if (customers.find(customerId).isEmpty()) {
            customers.save(new Document(ID, customerId).append(ADDRESSES, new Document()));
        }
    }

    /** Writes one address of the customer into the customer's document. */
    void save(String customerId, StoredAddress address) {
        Document customer = customers.find(customerId).orElseGet(() -> new Document(ID, customerId));
        Document addresses = new Document(customer.get(ADDRESSES, new Document()));
        addresses.put(address.id(), toDocument(address));
        customers.save(new Document(customer).append(ADDRESSES, addresses));
    }

    /**
     * Removes all the customer's addresses for good. The mark stays, so that an older address event of this customer
     * delivered again later (redelivery, replay) cannot bring anything back.
     */
    void removeAllOf(String customerId) {
        customers.save(new Document(ID, customerId).append(CUSTOMER_DELETED, true));
    }

    @Override
    public List<BatchedCollection> collections() {
        return List.of(customers);
    }

    /** The documents of every customer the batch's customer and address events are about, in one lookup. */
    @Override
    public void prefetch(List<? extends EventMessage<?>> events) {
        Set<String> customerIds = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof CustomerCreated created) {
                customerIds.add(created.customerId());
            } else if (payload instanceof CustomerDeleted deleted) {
                customerIds.add(deleted.customerId());
            } else if (payload instanceof AddressCreated created) {
                customerIds.add(created.customerId());
            } else if (payload instanceof AddressUpdated updated) {
                customerIds.add(updated.customerId());
            } else if (payload instanceof AddressDeleted deleted) {
                customerIds.add(deleted.customerId());
            }
        }
        customers.load(customerIds);
    }

    private static Document toDocument(StoredAddress address) {
        Document stored = new Document(VERSION, address.version());
        if (address.deleted()) {
            return stored.append(DELETED, true);
        }
        Document details = address.details() == null ? null : new Document(JSON.convertValue(address.details(), PARTS));
        return stored
                .append(DETAILS, details)
                .append(CUSTOM_FIELDS, new Document(address.customFields()))
                .append(CREATED_AT, Date.from(address.createdAt()))
                .append(UPDATED_AT, Date.from(address.updatedAt()));
    }

    private static CustomerAddresses fromDocument(Document document) {
        Map<String, StoredAddress> addresses = new LinkedHashMap<>();
        document.get(ADDRESSES, new Document()).forEach((addressId, stored) ->
                addresses.put(addressId, fromDocument(addressId, (Document) stored)));
        return new CustomerAddresses(document.getString(ID), document.getBoolean(CUSTOMER_DELETED, false), addresses);
    }

    private static StoredAddress fromDocument(String addressId, Document stored) {
        Document details = stored.get(DETAILS, Document.class);
        return new StoredAddress(addressId, stored.get(VERSION, Number.class).longValue(),
                details == null ? null : JSON.convertValue(details, Details.class),
                instant(stored.getDate(CREATED_AT)), instant(stored.getDate(UPDATED_AT)),
                stored.getBoolean(DELETED, false), FieldValues.stored(stored.get(CUSTOM_FIELDS, Document.class)));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
