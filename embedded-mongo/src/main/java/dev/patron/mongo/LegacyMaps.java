package dev.patron.mongo;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The maps of mongo-java-server's own H2 backend (all with H2's default {@code ObjectDataType}), and their one-time
 * migration into {@link StoreLayout}'s maps when a collection or index is opened.
 *
 * <p>A migration copies every entry of the old map into the new one and only then removes the old map, so the file
 * always holds a complete copy of the data. A crash during the copy leaves both maps; on the next open the old map
 * is still the complete one, so the new one is cleared and the copy done again. Both maps present can also mean
 * something else: an older Patron (on the library's layout) opened the file after the migration and, seeing none
 * of its maps, made a new, old-style one. That old map was then created after the new one (MVStore records each
 * map's creation version), so it is left alone with a warning, and the migrated data stays as it is.
 */
final class LegacyMaps {

    private static final Logger log = LoggerFactory.getLogger(LegacyMaps.class);

    private LegacyMaps() {
    }

    static String dataMapName(String namespace) {
        return "databases." + namespace;
    }

    static String metaMapName(String namespace) {
        return "meta." + namespace;
    }

    static String indexMapName(String namespace, String indexName) {
        return namespace + "._index_" + indexName;
    }

    /** Whether {@code mapName} is a map of database {@code databaseName} in the library's layout. */
    static boolean belongsToDatabase(String mapName, String databaseName) {
        String namespacePrefix = databaseName + ".";
        return mapName.startsWith(dataMapName(namespacePrefix))
                || mapName.startsWith(metaMapName(namespacePrefix))
                || mapName.startsWith(namespacePrefix) && mapName.contains("._index_");
    }

    /**
     * Opens the map {@code name}, first moving into it the entries of the library's map {@code legacyName} if that
     * one is there (see the class comment).
     */
    static <K, V> MVMap<K, V> openMigrating(MVStore store, String legacyName, String name, MVMap.Builder<K, V> builder) {
        if (store.hasMap(legacyName)) {
            if (!store.hasMap(name)) {
                migrate(store, legacyName, name, builder, false);
            } else if (createVersion(store, legacyName) <= createVersion(store, name)) {
                migrate(store, legacyName, name, builder, true);
            } else {
                log.warn("Map '{}' (mongo-java-server's layout) was created after '{}', which already holds its "
                        + "migrated data: an older version wrote to this file after the migration. Keeping '{}' and "
                        + "leaving '{}' as it is.", legacyName, name, name, legacyName);
            }
        }
        return store.openMap(name, builder);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void migrate(MVStore store, String legacyName, String name, MVMap.Builder<K, V> builder,
                                       boolean resumed) {
        long started = System.nanoTime();
        MVMap<K, V> target = store.openMap(name, builder);
        if (resumed) {
            log.info("Map '{}' holds {} entries of an unfinished migration from '{}': copying again",
                    name, target.sizeAsLong(), legacyName);
            target.clear();
        }
        MVMap<Object, Object> legacy = store.openMap(legacyName);
        long copied = 0;
        long merged = 0;
        for (Map.Entry<Object, Object> entry : legacy.entrySet()) {
            if (target.put((K) entry.getKey(), (V) entry.getValue()) != null) {
                merged++;
            }
            copied++;
        }
        if (merged > 0) {
            // Two keys the library kept apart (their Java serializations differed) that are equal: only possible
            // for keys holding values of classes that are equal across classes, such as lists of different classes.
            log.warn("Migrating '{}': {} keys were equal to another key and were merged", legacyName, merged);
        }
        store.removeMap(legacy);
        store.commit();
        log.info("Migrated {} entries from '{}' to '{}' in {} ms", copied, legacyName, name,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static long createVersion(MVStore store, String mapName) {
        MVMap<String, String> meta = store.getMetaMap();
        String id = meta.get(DataUtils.META_NAME + mapName);
        String config = id == null ? null : meta.get(DataUtils.META_MAP + id);
        return config == null ? 0 : DataUtils.readHexLong(DataUtils.parseMap(config), "createVersion", 0);
    }
}
