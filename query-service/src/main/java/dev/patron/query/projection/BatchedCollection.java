package dev.patron.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * A read-model collection as a projection writes it: whole documents by {@code _id}. While the projection's thread
 * applies a batch of events ({@link ProjectionBatches}), what it reads is loaded once (in advance where the batch
 * tells which documents it needs, see {@link #load}) and what it writes is kept, then written in one bulk write per
 * collection at the end of the batch: a few round trips per batch instead of several per event. Outside a batch
 * (and on any other thread, e.g. a retry of parked events) every read and write goes to MongoDB at once.
 */
public final class BatchedCollection {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> collection;
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();

    public BatchedCollection(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /** The document as the projection last wrote it, or as stored. */
    public Optional<Document> find(String id) {
        Batch current = batch.get();
        if (current == null) {
            return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
        }
        if (!current.known.containsKey(id)) {
            current.known.put(id, collection.find(Filters.eq("_id", id)).first());
        }
        return Optional.ofNullable(current.known.get(id));
    }

    /** Loads, in one lookup, the documents of {@code ids} the batch has not seen yet; outside a batch, nothing. */
    public void load(Collection<String> ids) {
        Batch current = batch.get();
        if (current == null) {
            return;
        }
        List<String> unknown = ids.stream().distinct().filter(id -> !current.known.containsKey(id)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        unknown.forEach(id -> current.known.put(id, null));
        collection.find(Filters.in("_id", unknown)).forEach(found -> current.known.put(found.getString("_id"), found));
    }

    /** Writes (inserts or replaces) the document with its {@code _id}. */
    public void save(Document document) {
        String id = document.getString("_id");
        Batch current = batch.get();
        if (current == null) {
            collection.replaceOne(Filters.eq("_id", id), document, UPSERT);
            return;
        }
        current.known.put(id, document);
        current.changed.put(id, document);
    }

    public void delete(String id) {
        Batch current = batch.get();
        if (current == null) {
            collection.deleteOne(Filters.eq("_id", id));
            return;
        }
        current.known.put(id, null);
        current.changed.put(id, null);
    }

    void begin() {
        batch.set(new Batch());
    }

    /** Writes what the batch changed, one write per document whatever the number of events that changed it. */
    void flush() {
        Batch current = batch.get();
        batch.remove();
        if (current == null || current.changed.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(current.changed.size());
        current.changed.forEach((id, document) -> writes.add(document == null
                ? new DeleteOneModel<>(Filters.eq("_id", id))
                : new ReplaceOneModel<>(Filters.eq("_id", id), document, UPSERT)));
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** Forgets the batch: its events are applied again from the stored state. */
    void discard() {
        batch.remove();
    }

    private static final class Batch {
        /** By id, the document as it now stands for this batch; {@code null} for none. */
        private final Map<String, Document> known = new HashMap<>();
        /** By id, the documents to write at the end; {@code null} to delete. */
        private final Map<String, Document> changed = new LinkedHashMap<>();
    }
}
