package dev.patron.query.order;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.order.OrderAnonymized;
import dev.patron.events.order.OrderCancelled;
import dev.patron.events.order.OrderFulfilled;
import dev.patron.events.order.OrderPaid;
import dev.patron.events.order.OrderPaymentAuthorized;
import dev.patron.events.order.OrderPlaced;
import dev.patron.eventstore.privacy.LookupKeys;
import dev.patron.query.projection.BatchedCollection;
import dev.patron.query.projection.BatchedReadModel;
import dev.patron.query.projection.KeyIndex;
import dev.patron.query.projection.ReadModelCollections;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The order read model in MongoDB. The embedded server answers from an index only an {@code eq} or {@code $in} on
 * {@code _id} (see the team's embedded-mongo notes), so every hot path is one:
 * <ul>
 * <li>{@code orders}: {@code {_id: orderId, version, cartReference, customerId, name, email, emailKey,
 * billingAddress: {..}, shippingAddress: {..}, currency, items: [..], withoutTax, tax, withTax, status, payment,
 * shipping, createdAt, updatedAt, personalDataErased}}; the personal fields ({@code name}, {@code email},
 * {@code emailKey}, the addresses) are left out once erased, {@code customerId} is absent for a guest's order;</li>
 * <li>{@code customer_orders}: {@code {_id: customerId, orderIds: [..], customerErased}}, the customer's orders in
 * the order they were placed, so a page of their history, newest first, is a slice of that list and one {@code $in}
 * of at most a page of ids, however many orders they or the store have;</li>
 * <li>{@code order_emails}: {@code {_id: lookup key of the lower-cased buyer email, orderIds: [..]}}, so the back
 * office's {@code eq(email,..)} is a lookup too. The email is personal data: it is stored only as its keyed hash
 * ({@link KeyIndex#ofPersonalValues}), an order leaves its entry when its personal data is erased, and an emptied
 * entry is deleted.</li>
 * </ul>
 * Other filters and sorts of the back office are MongoDB queries over {@code orders}: scans on the embedded server,
 * served by the indexes created here on a real MongoDB. The projection's writes are gathered over each batch of
 * events (see {@link BatchedCollection}); the orders, whose version marks events as applied, are written last.
 */
@Component
class OrderStore implements BatchedReadModel {

    static final String ORDERS = "orders";
    static final String CUSTOMER_ORDERS = "customer_orders";
    static final String EMAILS = "order_emails";

    static final String ID = "_id";
    static final String VERSION = "version";
    static final String CART_REFERENCE = "cartReference";
    static final String CUSTOMER_ID = "customerId";
    static final String NAME = "name";
    static final String EMAIL = "email";
    static final String EMAIL_KEY = "emailKey";
    static final String BILLING_ADDRESS = "billingAddress";
    static final String SHIPPING_ADDRESS = "shippingAddress";
    static final String CURRENCY = "currency";
    static final String ITEMS = "items";
    static final String WITHOUT_TAX = "withoutTax";
    static final String TAX = "tax";
    static final String WITH_TAX = "withTax";
    static final String STATUS = "status";
    static final String PAYMENT = "payment";
    static final String SHIPPING = "shipping";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String PERSONAL_DATA_ERASED = "personalDataErased";
    /** The field of the lookup documents that holds the orders having a value. */
    static final String ORDER_IDS = "orderIds";
    /** Marks, in {@code customer_orders}, a customer who was deleted: their orders keep no personal data. */
    static final String CUSTOMER_ERASED = "customerErased";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PARTS = new TypeReference<>() {
    };

    private final ReadModelCollections collections;
    private final BatchedCollection orderWrites;
    private final KeyIndex customerOrders;
    private final KeyIndex emails;

    OrderStore(ReadModelCollections collections, LookupKeys lookupKeys) {
        this.collections = collections;
        this.orderWrites = new BatchedCollection(collections, ORDERS);
        this.customerOrders = new KeyIndex(collections, CUSTOMER_ORDERS, ORDER_IDS);
        this.emails = KeyIndex.ofPersonalValues(collections, EMAILS, ORDER_IDS, lookupKeys);
        createIndexes(collections.current());
    }

    @Override
    public void createIndexes(long generation) {
        MongoCollection<Document> orders = collections.collection(ORDERS, generation);
        // For a real MongoDB (the embedded server ignores non-unique indexes): the back office's default listing
        // (newest first, ties by id) and created_at ranges; amounts, sorted or in ranges; and the statuses the back
        // office filters on, newest first. Customers and emails need none: they are lookups.
        orders.createIndex(Indexes.compoundIndex(Indexes.descending(CREATED_AT), Indexes.ascending(ID)));
        orders.createIndex(Indexes.compoundIndex(Indexes.ascending(WITH_TAX), Indexes.ascending(ID)));
        for (String state : List.of(STATUS, PAYMENT, SHIPPING)) {
            orders.createIndex(Indexes.compoundIndex(Indexes.ascending(state), Indexes.descending(CREATED_AT),
                    Indexes.ascending(ID)));
        }
    }

    Optional<StoredOrder> find(String id) {
        return orderWrites.find(id).map(OrderStore::fromDocument);
    }

    /** The orders of the ids, in their order; one {@code $in}. */
    List<StoredOrder> findAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, StoredOrder> found = new HashMap<>();
        collections.collection(ORDERS).find(Filters.in(ID, ids)).forEach(document -> found.put(document.getString(ID), fromDocument(document)));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    List<StoredOrder> find(Bson filter, Bson sort, int skip, int limit) {
        return collections.collection(ORDERS).find(filter).sort(sort).skip(skip).limit(limit).map(OrderStore::fromDocument)
                .into(new ArrayList<>());
    }

    long count(Bson filter) {
        return collections.collection(ORDERS).countDocuments(filter);
    }

    /** The ids of the customer's orders in the order they were placed. */
    List<String> idsOfCustomer(String customerId) {
        return customerOrders.ids(customerId);
    }

    Set<String> idsOfCustomers(Collection<?> customerIds) {
        return customerOrders.ids(customerIds);
    }

    /** The ids of the orders bought with the (lower-cased) email, in the order they were placed. */
    List<String> idsByEmailKey(String emailKey) {
        return emails.ids(emailKey);
    }

    Set<String> idsByEmailKeys(Collection<?> emailKeys) {
        return emails.ids(emailKeys);
    }

    /**
     * Writes the new state of an order. The lookups go first and the order, whose version marks the event as
     * applied, last: if the process dies in between, the event is delivered again and all of it is redone.
     */
    void save(Optional<StoredOrder> previous, StoredOrder next) {
        if (next.customerId() != null) {
            customerOrders.add(next.id(), next.customerId());
        }
        emails.move(next.id(), previous.map(StoredOrder::emailKey).orElse(null), next.emailKey());
        orderWrites.save(toDocument(next));
    }

    boolean isCustomerErased(String customerId) {
        return customerOrders.writes().find(customerId).map(entry -> entry.getBoolean(CUSTOMER_ERASED, false))
                .orElse(false);
    }

    /** Kept even for a customer without orders, so that no order of theirs applied later shows personal data. */
    void markCustomerErased(String customerId) {
        Document entry = customerOrders.writes().find(customerId)
                .orElseGet(() -> new Document(ID, customerId).append(ORDER_IDS, List.of()));
        customerOrders.writes().save(new Document(entry).append(CUSTOMER_ERASED, true));
    }

    @Override
    public List<BatchedCollection> collections() {
        return List.of(customerOrders.writes(), emails.writes(), orderWrites);
    }

    /**
     * The batch's orders, the lookups of their customers (and the orders of the customers the batch deletes), then
     * the email lookups those orders have or get: four {@code $in} lookups for the whole batch.
     */
    @Override
    public void prefetch(List<? extends EventMessage<?>> events) {
        Set<String> orderIds = new LinkedHashSet<>();
        Set<String> customerIds = new LinkedHashSet<>();
        Set<String> deletedCustomers = new LinkedHashSet<>();
        Set<String> emailKeys = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof OrderPlaced placed) {
                orderIds.add(placed.orderId());
                if (placed.customerId() != null) {
                    customerIds.add(placed.customerId());
                }
                if (placed.buyer() != null && placed.buyer().email() != null) {
                    emailKeys.add(StoredOrder.emailKeyOf(placed.buyer().email()));
                }
            } else if (payload instanceof OrderPaymentAuthorized authorized) {
                orderIds.add(authorized.orderId());
            } else if (payload instanceof OrderPaid paid) {
                orderIds.add(paid.orderId());
            } else if (payload instanceof OrderFulfilled fulfilled) {
                orderIds.add(fulfilled.orderId());
            } else if (payload instanceof OrderCancelled cancelled) {
                orderIds.add(cancelled.orderId());
            } else if (payload instanceof OrderAnonymized anonymized) {
                orderIds.add(anonymized.orderId());
            } else if (payload instanceof CustomerDeleted deleted) {
                customerIds.add(deleted.customerId());
                deletedCustomers.add(deleted.customerId());
            }
        }
        customerOrders.writes().load(customerIds);
        deletedCustomers.forEach(customerId -> orderIds.addAll(customerOrders.ids(customerId)));
        orderWrites.load(orderIds);
        orderIds.forEach(id -> find(id).map(StoredOrder::emailKey).ifPresent(emailKeys::add));
        emails.prefetch(emailKeys);
    }

    private static Document toDocument(StoredOrder order) {
        Document document = new Document(ID, order.id())
                .append(VERSION, order.version())
                .append(CART_REFERENCE, order.cartReference());
        if (order.customerId() != null) {
            document.append(CUSTOMER_ID, order.customerId());
        }
        if (order.buyer() != null) {
            document.append(NAME, order.buyer().name())
                    .append(EMAIL, order.buyer().email())
                    .append(EMAIL_KEY, order.emailKey());
        }
        if (order.billingAddress() != null) {
            document.append(BILLING_ADDRESS, parts(order.billingAddress()));
        }
        if (order.shippingAddress() != null) {
            document.append(SHIPPING_ADDRESS, parts(order.shippingAddress()));
        }
        return document
                .append(CURRENCY, order.currency())
                .append(ITEMS, order.items().stream().map(OrderStore::parts).toList())
                .append(WITHOUT_TAX, order.totals().withoutTax())
                .append(TAX, order.totals().tax())
                .append(WITH_TAX, order.totals().withTax())
                .append(STATUS, order.status())
                .append(PAYMENT, order.payment())
                .append(SHIPPING, order.shipping())
                .append(CREATED_AT, Date.from(order.createdAt()))
                .append(UPDATED_AT, Date.from(order.updatedAt()))
                .append(PERSONAL_DATA_ERASED, order.personalDataErased());
    }

    private static Document parts(Object value) {
        return new Document(JSON.convertValue(value, PARTS));
    }

    private static StoredOrder fromDocument(Document document) {
        boolean hasBuyer = document.containsKey(NAME) || document.containsKey(EMAIL);
        return new StoredOrder(
                document.getString(ID),
                document.get(VERSION, Number.class).longValue(),
                document.getString(CART_REFERENCE),
                document.getString(CUSTOMER_ID),
                hasBuyer ? new OrderPlaced.Buyer(document.getString(NAME), document.getString(EMAIL)) : null,
                address(document.get(BILLING_ADDRESS, Document.class)),
                address(document.get(SHIPPING_ADDRESS, Document.class)),
                document.getString(CURRENCY),
                document.getList(ITEMS, Document.class, List.of()).stream()
                        .map(item -> JSON.convertValue(item, OrderPlaced.Item.class)).toList(),
                new OrderPlaced.Totals(document.get(WITHOUT_TAX, Number.class).longValue(),
                        document.get(TAX, Number.class).longValue(), document.get(WITH_TAX, Number.class).longValue()),
                document.getString(STATUS),
                document.getString(PAYMENT),
                document.getString(SHIPPING),
                document.getDate(CREATED_AT).toInstant(),
                document.getDate(UPDATED_AT).toInstant(),
                document.getBoolean(PERSONAL_DATA_ERASED, false));
    }

    private static OrderPlaced.Address address(Document stored) {
        return stored == null ? null : JSON.convertValue(stored, OrderPlaced.Address.class);
    }
}
