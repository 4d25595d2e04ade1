package dev.patron.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A database of {@link PatronH2Backend}: mongo-java-server's {@code H2Database} on {@link StoreLayout}'s maps.
 *
 * <p>It extends the library's {@code AbstractSynchronizedMongoDatabase} (as {@code H2Database} does) rather than
 * {@code H2Database} itself: that class opens every collection and index from its constructor, through the methods
 * overridden here, before a subclass could have been handed its store, and keeps the store private. Each method
 * below does what {@code H2Database}'s does, on our map names and types, and migrates the library's maps of a
 * collection or index when it opens it ({@link LegacyMaps}).
 *
 * <p>Where the library loses or destroys data, this class does not:
 * <ul>
 *     <li>dropping a database removes only the maps of that database (the library's {@code H2Database} removes
 *     those of every database whose name starts with the dropped one's: dropping {@code pat} empties
 *     {@code patron});</li>
 *     <li>renaming a collection moves its data, metadata and index maps (the library's renames none of them, so
 *     after a restart the renamed collection is empty), and into another database its index descriptions too
 *     (the library's fails there, or leaves them behind);</li>
 *     <li>{@code dropIndexes} by name or {@code "*"} drops the indexes of the named collection only (the library's
 *     also deletes the descriptions of same-named indexes of every other collection of the database, which then
 *     cannot be dropped and lose those indexes at the next restart).</li>
 * </ul>
 */
final class PatronH2Database extends AbstractSynchronizedMongoDatabase<Object> {

    private static final Logger log = LoggerFactory.getLogger(PatronH2Database.class);

    private final MVStore store;
    private final StoreLayout layout;

    PatronH2Database(String databaseName, MVStore store, StoreLayout layout, CursorRegistry cursorRegistry) {
        super(databaseName, cursorRegistry);
        this.store = store;
        this.layout = layout;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = LegacyMaps.openMigrating(store, LegacyMaps.dataMapName(namespace),
                layout.dataMapName(namespace), layout.dataMapBuilder());
        MVMap<String, Object> metaMap = LegacyMaps.openMigrating(store, LegacyMaps.metaMapName(namespace),
                layout.metaMapName(namespace), layout.metaMapBuilder());
        return new PatronH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<KeyValue, Object> map = LegacyMaps.openMigrating(store, LegacyMaps.indexMapName(namespace, indexName),
                layout.indexMapName(namespace, indexName), layout.indexMapBuilder());
        return new PatronUniqueIndex(map, indexName, keys, sparse);
    }

    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        if (command.equalsIgnoreCase("dropIndexes") && query.get("index") instanceof String && indexes.get() != null) {
            return dropIndexesOfOneCollection(channel, command, query, databaseResolver, oplog);
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }

    /**
     * Drops indexes named by name, or all but {@code _id_} for {@code "*"}, by handing the library each one's key
     * document, for which it looks up the description by key and namespace (see the class comment).
     */
    private Document dropIndexesOfOneCollection(Channel channel, String command, Document query,
                                                DatabaseResolver databaseResolver, Oplog oplog) {
        String indexName = (String) query.get("index");
        String namespace = getFullCollectionNamespace(String.valueOf(query.get(command)));
        List<Object> keys = new ArrayList<>();
        for (Document description : indexes.get().handleQuery(new Document("ns", namespace))) {
            if (indexName.equals("*") ? !isPrimaryKeyIndex((Document) description.get("key"))
                    : indexName.equals(description.get("name"))) {
                keys.add(description.get("key"));
            }
        }
        if (!indexName.equals("*") && keys.isEmpty()) {
            // Not an index of this collection: the library answers "index not found" before deleting anything.
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }
        for (Object key : keys) {
            Document byKey = new Document(query);
            byKey.put("index", key);
            super.handleCommand(channel, command, byKey, databaseResolver, oplog);
        }
        return new Document("ok", 1.0);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        removeMap(layout.indexMapName(getFullCollectionNamespace(collection.getCollectionName()), indexName));
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String namespace = getFullCollectionNamespace(collectionName);
        removeMap(layout.dataMapName(namespace));
        removeMap(layout.metaMapName(namespace));
        // Index maps whose index description was lost (there should be none): nothing else would ever remove them.
        String indexPrefix = layout.indexMapPrefix(namespace);
        for (String mapName : store.getMapNames()) {
            if (mapName.startsWith(indexPrefix)) {
                removeMap(mapName);
            }
        }
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        for (String mapName : store.getMapNames()) {
            if (layout.belongsToDatabase(mapName, databaseName) || LegacyMaps.belongsToDatabase(mapName, databaseName)) {
                removeMap(mapName);
            }
        }
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldNamespace = collection.getFullName();
        String newNamespace = getFullCollectionNamespace(newCollectionName);
        List<Document> movedIndexDescriptions = new ArrayList<>();
        if (oldDatabase != this) {
            // The library updates the namespace of the index descriptions in the target database only, where they
            // are not (and fails if that database has no index collection yet): move them over first.
            MongoCollection<Object> oldIndexes = ((PatronH2Database) oldDatabase).indexes.get();
            if (oldIndexes != null) {
                for (Document description : oldIndexes.handleQuery(new Document("ns", oldNamespace))) {
                    movedIndexDescriptions.add(description.cloneDeeply());
                }
                oldIndexes.deleteDocuments(new Document("ns", oldNamespace), 0);
            }
            MongoCollection<Object> newIndexes = getOrCreateIndexesCollection();
            for (Document description : movedIndexDescriptions) {
                newIndexes.addDocument(description);
            }
        }
        super.moveCollection(oldDatabase, collection, newCollectionName);
        renameMap(layout.dataMapName(oldNamespace), layout.dataMapName(newNamespace), layout.dataMapBuilder());
        renameMap(layout.metaMapName(oldNamespace), layout.metaMapName(newNamespace), layout.metaMapBuilder());
        String oldIndexPrefix = layout.indexMapPrefix(oldNamespace);
        for (String mapName : store.getMapNames()) {
            if (mapName.startsWith(oldIndexPrefix)) {
                String indexName = mapName.substring(oldIndexPrefix.length());
                renameMap(mapName, layout.indexMapName(newNamespace, indexName), layout.indexMapBuilder());
            }
        }
    }

    private <K, V> void renameMap(String name, String newName, MVMap.Builder<K, V> builder) {
        if (!store.hasMap(name)) {
            return;
        }
        if (store.hasMap(newName)) {
            // The target collection was dropped (or never existed), so a map under its name is a leftover.
            log.warn("Removing leftover map '{}' to rename '{}' to it", newName, name);
            removeMap(newName);
        }
        // Opening an open map returns that same map, the one the collection or index keeps using.
        store.renameMap(store.openMap(name, builder), newName);
    }

    private void removeMap(String mapName) {
        if (store.hasMap(mapName)) {
            log.debug("Removing map '{}'", mapName);
            store.removeMap(mapName);
        }
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> fileStore = store.getFileStore();
        return fileStore == null ? 0 : fileStore.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }
}
