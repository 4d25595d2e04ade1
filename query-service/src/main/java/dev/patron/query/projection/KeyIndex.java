package dev.patron.query.projection;

import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Finds resources by a value other than their id (a normalised email, an external reference, the customer they
 * belong to) with {@code eq}/{@code $in} on {@code _id} only, which is the one kind of lookup every MongoDB server
 * answers from an index, the embedded one included. One document per value: {@code {_id: value, <ids>: [...]}}, the
 * ids in the order they were added, so a list in that order (a customer's orders, oldest first) is a slice of it.
 * <p>
 * A value maps to a set of ids, not one, so that each resource's events only ever add or remove that resource's own
 * id: the outcome does not depend on the order in which two resources' events are applied (an email released by one
 * customer and taken by another may reach the projection in either order).
 * <p>
 * Emptied documents are deleted, since the value may be personal data; other fields of a document (which its read
 * model may keep there) are kept when the ids change. Each change reads the value's document and writes it whole,
 * which is safe because one thread applies all events (see the projection's processor settings).
 */
public final class KeyIndex {

    private final ReadModelCollections collections;
    private final String name;
    private final String idsField;
    private final BatchedCollection writes;

    /**
     * @param name     the collection's name (see {@link ReadModelCollections} for its generations)
     * @param idsField the name of the field holding the ids, such as {@code customerIds}
     */
    public KeyIndex(ReadModelCollections collections, String name, String idsField) {
        this.collections = collections;
        this.name = name;
        this.idsField = idsField;
        this.writes = new BatchedCollection(collections, name);
    }

    /** Moves an id from one value to another; adding first, so a crash in between loses nothing. */
    public void move(String id, String from, String to) {
        if (from != null && from.equals(to)) {
            return;
        }
        add(id, to);
        remove(id, from);
    }

    /** Adds the id at the end of the value's ids, unless it is there already. */
    public void add(String id, String value) {
        if (value == null) {
            return;
        }
        Document entry = writes.find(value).orElseGet(() -> new Document("_id", value));
        List<String> holders = new ArrayList<>(entry.getList(idsField, String.class, List.of()));
        if (!holders.contains(id)) {
            holders.add(id);
            writes.save(new Document(entry).append(idsField, holders));
        }
    }

    public void remove(String id, String value) {
        if (value == null) {
            return;
        }
        writes.find(value).ifPresent(entry -> {
            List<String> remaining = new ArrayList<>(entry.getList(idsField, String.class, List.of()));
            remaining.remove(id);
            if (remaining.isEmpty()) {
                writes.delete(value);
            } else {
                writes.save(new Document(entry).append(idsField, remaining));
            }
        });
    }

    /** The ids of every value, in the order of the values and then of their addition; one {@code $in}. */
    public Set<String> ids(Collection<?> values) {
        Set<String> ids = new LinkedHashSet<>();
        for (Document entry : collections.collection(name).find(Filters.in("_id", values))) {
            ids.addAll(entry.getList(idsField, String.class, List.of()));
        }
        return ids;
    }

    /**
     * The ids of one value in the order they were added: one {@code eq} on {@code _id}, or, while the projection
     * applies a batch, the entry as the batch has it.
     */
    public List<String> ids(String value) {
        return writes.find(value).map(entry -> entry.getList(idsField, String.class, List.of())).orElse(List.of());
    }

    /** The projection's writes, gathered over a batch of events. */
    public BatchedCollection writes() {
        return writes;
    }
}
