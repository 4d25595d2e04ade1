package dev.patron.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import org.h2.mvstore.MVMap;

/**
 * The library's H2 collection, without its second look at what an index found. After a unique index answered a query
 * (which it does only for a query on exactly its field, by value or {@code $in}), the library matches each document
 * found against the query again, and matching a document against an {@code $in} compares it with every value of the
 * list: a lookup of n ids costs n² comparisons, each allocating. Profiled in a rebuild of the read model, whose batches
 * look up 2,000 ids at a time, that second look took most of the server's time. The documents an index found for a
 * value or an {@code $in} are exactly the ones the query matches, so for those shapes the look is skipped; any other
 * query is matched as before.
 */
final class PatronH2Collection extends H2Collection {

    PatronH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                       MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy, int numberToSkip,
                                         int limit, int batchSize, Document fieldSelector) {
        Document stillToMatch = isIndexLookup(query) ? new Document() : query;
        return super.matchDocuments(stillToMatch, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** One field, given a plain value or {@code {$in: [...]}} / {@code {$eq: value}}: the shapes a unique index answers. */
    static boolean isIndexLookup(Document query) {
        if (query.size() != 1) {
            return false;
        }
        String field = query.keySet().iterator().next();
        if (field.startsWith("$")) {
            return false;
        }
        Object value = query.get(field);
        if (!(value instanceof Document condition)) {
            return !(value instanceof Collection<?>) && !(value instanceof java.util.regex.Pattern);
        }
        if (condition.size() != 1) {
            return false;
        }
        String operator = condition.keySet().iterator().next();
        return "$in".equals(operator) || "$eq".equals(operator);
    }
}
