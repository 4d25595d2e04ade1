package dev.patron.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private final ReadModelCollections collections;
    private final String name;
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();
    /**
     * The ids of the documents a rebuild has written so far into the generation it fills ({@link #beginFilling}).
     * That generation starts empty and nothing else writes it until it becomes current, so every other id is absent
     * there, which the rebuild then need not ask the server (most of what a replay reads is new). About 100 bytes per
     * document, for the length of a rebuild.
     */
    private final Set<String> filled = ConcurrentHashMap.newKeySet();

    /** The collection {@code name} of the generation the calling thread works on (see {@link ReadModelCollections}). */
    public BatchedCollection(ReadModelCollections collections, String name) {
        this.collections = collections;
        this.name = name;
    }

    /** The collection's name in generation 1; other generations add a suffix. */
    public String name() {
        return name;
    }

    /** The document as the projection last wrote it, or as stored. */
    public Optional<Document> find(String id) {
        Batch current = batch.get();
        if (current == null) {
            return Optional.ofNullable(collections.collection(name).find(Filters.eq("_id", id)).first());
        }
        if (!current.known.containsKey(id)) {
            current.loaded(id, current.mayBeStored(id) ? current.collection.find(Filters.eq("_id", id)).first() : null);
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
        List<String> toAsk = unknown.stream().filter(current::mayBeStored).toList();
        Map<String, Document> found = new HashMap<>();
        if (!toAsk.isEmpty()) {
            current.collection.find(Filters.in("_id", toAsk)).forEach(document -> found.put(document.getString("_id"), document));
        }
        unknown.forEach(id -> current.loaded(id, found.get(id)));
    }

    /** Writes (inserts or replaces) the document with its {@code _id}. */
    public void save(Document document) {
        String id = document.getString("_id");
        Batch current = batch.get();
        if (current == null) {
            collections.collection(name).replaceOne(Filters.eq("_id", id), document, UPSERT);
            return;
        }
        current.known.put(id, document);
        current.changed.put(id, document);
    }

    public void delete(String id) {
        Batch current = batch.get();
        if (current == null) {
            collections.collection(name).deleteOne(Filters.eq("_id", id));
            return;
        }
        current.known.put(id, null);
        current.changed.put(id, null);
    }

    /** A batch works on the generation its thread is pinned to when it begins, whatever happens meanwhile. */
    void begin() {
        batch.set(new Batch(collections.collection(name), null));
    }

    /** A batch of a rebuild, into the new generation its thread is pinned to (see {@link #filled}). */
    void beginFilling() {
        batch.set(new Batch(collections.collection(name), filled));
    }

    /** The rebuild is over: the generation it filled is current, or dropped. */
    void forgetFilled() {
        filled.clear();
    }

    /**
     * Writes what the batch changed, one write per document whatever the number of events that changed it: an insert
     * for a document the batch found absent (cheaper than an upsert, which looks for it first), a replacement for one
     * it found, and nothing for one it both made and removed. Should another writer have inserted such a document
     * meanwhile, the insert fails, and with it the batch, which is then applied again from what is stored.
     * {@code beforeWrite} runs right before the write, if there is one; should it fail, nothing is written.
     */
    void flush(Runnable beforeWrite) {
        Batch current = batch.get();
        batch.remove();
        if (current == null || current.changed.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(current.changed.size());
        current.changed.forEach((id, document) -> {
            boolean stored = !current.absentWhenLoaded.contains(id);
            if (document != null) {
                writes.add(stored ? new ReplaceOneModel<>(Filters.eq("_id", id), document, UPSERT)
                        : new InsertOneModel<>(document));
            } else if (stored) {
                writes.add(new DeleteOneModel<>(Filters.eq("_id", id)));
            }
        });
        if (!writes.isEmpty()) {
            beforeWrite.run();
            current.collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        if (current.filled != null) {
            current.changed.forEach((id, document) -> {
                if (document != null) {
                    current.filled.add(id);
                } else {
                    current.filled.remove(id);
                }
            });
        }
    }

    /** Forgets the batch: its events are applied again from the stored state. */
    void discard() {
        batch.remove();
    }

    private static final class Batch {
        private final MongoCollection<Document> collection;
        /** By id, the document as it now stands for this batch; {@code null} for none. */
        private final Map<String, Document> known = new HashMap<>();
        /** By id, the documents to write at the end; {@code null} to delete. */
        private final Map<String, Document> changed = new LinkedHashMap<>();
        /** The ids that had no document when the batch first read them. */
        private final Set<String> absentWhenLoaded = new HashSet<>();
        /** In a rebuild, the ids written to the generation it fills; {@code null} otherwise. */
        private final Set<String> filled;

        Batch(MongoCollection<Document> collection, Set<String> filled) {
            this.collection = collection;
            this.filled = filled;
        }

        /** Whether asking the server for {@code id} can find anything. */
        boolean mayBeStored(String id) {
            return filled == null || filled.contains(id);
        }

        void loaded(String id, Document stored) {
            known.put(id, stored);
            if (stored == null) {
                absentWhenLoaded.add(id);
            }
        }
    }
}
