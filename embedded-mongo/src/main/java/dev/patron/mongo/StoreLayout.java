package dev.patron.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.Set;
import java.util.TreeSet;

/**
 * Names and key/value types of the maps {@link PatronH2Backend} keeps in the MVStore file.
 *
 * <p>Every name starts with a root that carries the format version ({@code v2/}) and contains a {@code /} before
 * its first {@code .}, so it can never be taken for a map of mongo-java-server's own layout, whose names are
 * {@code databases.<db>.<collection>}, {@code meta.<db>.<collection>} and {@code <db>.<collection>._index_<index>}
 * (a database name contains neither {@code .} nor {@code /}). Ours are:
 * <ul>
 *     <li>{@code v2/data/<db>.<collection>}: {@code _id} (as {@link ValueDataType}) to document;</li>
 *     <li>{@code v2/meta/<db>.<collection>}: the collection's data size (H2's default types, as before);</li>
 *     <li>{@code v2/index/<db>.<collection>$<index>}: index key ({@link KeyValueDataType}) to {@code _id}. A
 *     collection name cannot contain {@code $}, so the first {@code $} ends it.</li>
 * </ul>
 */
final class StoreLayout {

    /** The layout Patron runs on. */
    static final StoreLayout COMPACT = new StoreLayout("v2/", true);

    /**
     * The same layout with documents Java-serialized by H2's {@code ObjectDataType}, as the library stores them: it
     * exists only so that the benchmark can show, in the same run, what the compact document encoding is worth.
     */
    static final StoreLayout JAVA_SERIALIZED_DOCUMENTS = new StoreLayout("v2-serialized-documents/", false);

    private static final String DATA = "data/";
    private static final String META = "meta/";
    private static final String INDEX = "index/";

    private final String root;
    private final boolean compactDocuments;

    private StoreLayout(String root, boolean compactDocuments) {
        this.root = root;
        this.compactDocuments = compactDocuments;
    }

    String dataMapName(String namespace) {
        return root + DATA + namespace;
    }

    String metaMapName(String namespace) {
        return root + META + namespace;
    }

    String indexMapName(String namespace, String indexName) {
        return indexMapPrefix(namespace) + indexName;
    }

    /** The start of the names of every index map of the collection {@code namespace}, and of no other. */
    String indexMapPrefix(String namespace) {
        return root + INDEX + namespace + "$";
    }

    /** Whether {@code mapName} is a map of one of our layouts, which the backend opens with our types. */
    static boolean isOurs(String mapName) {
        return mapName.startsWith(COMPACT.root) || mapName.startsWith(JAVA_SERIALIZED_DOCUMENTS.root);
    }

    /** Whether {@code mapName} is one of our maps of database {@code databaseName}. */
    boolean belongsToDatabase(String mapName, String databaseName) {
        String namespacePrefix = databaseName + ".";
        return mapName.startsWith(root + DATA + namespacePrefix)
                || mapName.startsWith(root + META + namespacePrefix)
                || mapName.startsWith(root + INDEX + namespacePrefix);
    }

    /** The databases that have at least one collection in this layout. */
    Set<String> databaseNames(MVStore store) {
        Set<String> names = new TreeSet<>();
        String dataPrefix = root + DATA;
        for (String mapName : store.getMapNames()) {
            if (mapName.startsWith(dataPrefix)) {
                String namespace = mapName.substring(dataPrefix.length());
                int dot = namespace.indexOf('.');
                if (dot > 0) {
                    names.add(namespace.substring(0, dot));
                }
            }
        }
        return names;
    }

    MVMap.Builder<Object, Document> dataMapBuilder() {
        MVMap.Builder<Object, Document> builder = new MVMap.Builder<Object, Document>().keyType(ValueDataType.INSTANCE);
        return compactDocuments ? builder.valueType(DocumentDataType.INSTANCE) : builder;
    }

    MVMap.Builder<String, Object> metaMapBuilder() {
        return new MVMap.Builder<>();
    }

    MVMap.Builder<KeyValue, Object> indexMapBuilder() {
        return new MVMap.Builder<KeyValue, Object>().keyType(KeyValueDataType.INSTANCE).valueType(ValueDataType.INSTANCE);
    }

    @Override
    public String toString() {
        return root;
    }
}
