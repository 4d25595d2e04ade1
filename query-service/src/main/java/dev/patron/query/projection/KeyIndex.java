package dev.patron.query.projection;

import com.mongodb.client.model.Filters;
import dev.patron.eventstore.privacy.LookupKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
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
 * A personal value (an email, an external reference) is stored under its lookup key ({@link #ofPersonalValues}: a
 * keyed hash, never the value), so deleting its entry leaves nothing of it where a storage engine keeps the keys of
 * deleted entries (see {@link LookupKeys}). Emptied documents are deleted; other fields of a document (which its read
 * model may keep there) are kept when the ids change. Each change reads the value's document and writes it whole,
 * which is safe because one thread applies all events (see the projection's processor settings).
 */
public final class KeyIndex {

    private final ReadModelCollections collections;
    private final String name;
    private final String idsField;
    private final BatchedCollection writes;
    private final UnaryOperator<String> keyOf;

    /**
     * An index of values that are not personal data (ids), stored as they are.
     *
     * @param name     the collection's name (see {@link ReadModelCollections} for its generations)
     * @param idsField the name of the field holding the ids, such as {@code customerIds}
     */
    public KeyIndex(ReadModelCollections collections, String name, String idsField) {
        this(collections, name, idsField, UnaryOperator.identity());
    }

    private KeyIndex(ReadModelCollections collections, String name, String idsField, UnaryOperator<String> keyOf) {
        this.collections = collections;
        this.name = name;
        this.idsField = idsField;
        this.writes = new BatchedCollection(collections, name);
        this.keyOf = keyOf;
    }

    /**
     * An index of personal values, each stored under its lookup key; entries an earlier Patron stored under the value
     * itself in the current generation are moved to it first.
     */
    public static KeyIndex ofPersonalValues(ReadModelCollections collections, String name, String idsField,
                                            LookupKeys lookupKeys) {
        lookupKeys.moveEntriesStoredUnderValues(collections.collection(name, collections.current()));
        return new KeyIndex(collections, name, idsField, value -> value == null ? null : lookupKeys.of(value));
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
        String key = keyOf.apply(value);
        Document entry = writes.find(key).orElseGet(() -> new Document("_id", key));
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
        String key = keyOf.apply(value);
        writes.find(key).ifPresent(entry -> {
            List<String> remaining = new ArrayList<>(entry.getList(idsField, String.class, List.of()));
            remaining.remove(id);
            if (remaining.isEmpty()) {
                writes.delete(key);
            } else {
                writes.save(new Document(entry).append(idsField, remaining));
            }
        });
    }

    /** The ids of every value, in the order of the values and then of their addition; one {@code $in}. */
    public Set<String> ids(Collection<?> values) {
        Set<String> ids = new LinkedHashSet<>();
        for (Document entry : collections.collection(name).find(Filters.in("_id", keys(values)))) {
            ids.addAll(entry.getList(idsField, String.class, List.of()));
        }
        return ids;
    }

    /**
     * The ids of one value in the order they were added: one {@code eq} on {@code _id}, or, while the projection
     * applies a batch, the entry as the batch has it.
     */
    public List<String> ids(String value) {
        return writes.find(keyOf.apply(value)).map(entry -> entry.getList(idsField, String.class, List.of()))
                .orElse(List.of());
    }

    /** Loads the entries of the values into the batch's writes, in one lookup (see {@link BatchedCollection#load}). */
    public void prefetch(Collection<String> values) {
        writes.load(values.stream().map(keyOf).toList());
    }

    /** The projection's writes, gathered over a batch of events. */
    public BatchedCollection writes() {
        return writes;
    }

    /** The keys of the values; a value that is not text (a filter's number, say) names no entry of a value index. */
    private List<Object> keys(Collection<?> values) {
        return values.stream().map(value -> value instanceof String text ? (Object) keyOf.apply(text) : value).toList();
    }
}
