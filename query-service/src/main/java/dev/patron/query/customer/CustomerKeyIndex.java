package dev.patron.query.customer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.patron.query.projection.BatchedCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Finds customers by a value other than their id (normalised email, external reference) with {@code eq}/{@code $in}
 * on {@code _id} only, which is the one kind of lookup every MongoDB server answers from an index, the embedded one
 * included. One document per value: {@code {_id: value, customerIds: [...]}}.
 * <p>
 * A value maps to a set of customers, not one, so that each customer's events only ever add or remove that
 * customer's own id: the outcome does not depend on the order in which two customers' events are applied (an email
 * released by one customer and taken by another may reach the projection in either order).
 * <p>
 * Emptied documents are deleted, since the value is personal data. Each change reads the value's document and
 * writes it whole, which is safe because one thread applies all events (see the projection's processor settings).
 */
final class CustomerKeyIndex {

    private static final String CUSTOMER_IDS = "customerIds";

    private final MongoCollection<Document> collection;
    private final BatchedCollection writes;

    CustomerKeyIndex(MongoCollection<Document> collection) {
        this.collection = collection;
        this.writes = new BatchedCollection(collection);
    }

    /** Moves a customer from one value to another; adding first, so a crash in between loses nothing. */
    void move(String customerId, String from, String to) {
        if (from != null && from.equals(to)) {
            return;
        }
        add(customerId, to);
        remove(customerId, from);
    }

    void remove(String customerId, String value) {
        if (value == null) {
            return;
        }
        writes.find(value).ifPresent(entry -> {
            List<String> remaining = new ArrayList<>(entry.getList(CUSTOMER_IDS, String.class, List.of()));
            remaining.remove(customerId);
            if (remaining.isEmpty()) {
                writes.delete(value);
            } else {
                writes.save(new Document("_id", value).append(CUSTOMER_IDS, remaining));
            }
        });
    }

    Set<String> customerIds(Collection<?> values) {
        Set<String> ids = new LinkedHashSet<>();
        for (Document entry : collection.find(Filters.in("_id", values))) {
            ids.addAll(entry.getList(CUSTOMER_IDS, String.class, List.of()));
        }
        return ids;
    }

    /** The projection's writes, gathered over a batch of events. */
    BatchedCollection writes() {
        return writes;
    }

    private void add(String customerId, String value) {
        if (value == null) {
            return;
        }
        List<String> holders = new ArrayList<>(writes.find(value)
                .map(entry -> entry.getList(CUSTOMER_IDS, String.class, List.of())).orElse(List.of()));
        if (!holders.contains(customerId)) {
            holders.add(customerId);
            writes.save(new Document("_id", value).append(CUSTOMER_IDS, holders));
        }
    }
}
