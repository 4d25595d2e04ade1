package dev.patron.eventstore.testing;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;

/**
 * Tells whether the queries a MongoDB client sent ({@link RecordedCommands}) are ones the embedded server answers from
 * an index. That server (mongo-java-server) uses an index only when a query's fields are exactly one unique index's
 * single field, each given as a value or {@code $in}; anything else, {@code {_id: x, other: y}} included, scans the
 * whole collection under its write lock. The hot-path tests of the services check every query they send with this.
 */
public final class IndexLookups {

    /** The commands whose filters select documents, and so can scan. */
    public static final Set<String> QUERY_COMMANDS = Set.of("find", "update", "delete", "findAndModify", "count",
            "aggregate");

    private IndexLookups() {
    }

    /** One filter a command applied: to which collection of which database, by which command. */
    public record Query(String database, String collection, String command, BsonDocument filter) {

        /** Exactly the fields of one usable index, each a value or an {@code $in}: what the server looks up. */
        public boolean isAnsweredFromOneOf(Set<Set<String>> usableIndexes) {
            return usableIndexes.contains(filter.keySet()) && filter.values().stream().allMatch(Query::isLookup);
        }

        private static boolean isLookup(BsonValue value) {
            if (!value.isDocument()) {
                return true;
            }
            BsonDocument operator = value.asDocument();
            return operator.size() == 1 && (operator.containsKey("$in") || operator.containsKey("$eq"));
        }
    }

    /**
     * The filters of a recorded command: one per statement of a bulk update or delete, the {@code $match} of an
     * aggregation (a {@code countDocuments}; none matches the whole collection), else its {@code filter} or
     * {@code query}. Empty for commands that select nothing.
     */
    public static List<Query> queriesOf(RecordedCommands.Command sent) {
        if (!QUERY_COMMANDS.contains(sent.name())) {
            return List.of();
        }
        BsonDocument document = sent.document();
        List<Query> queries = new ArrayList<>();
        switch (sent.name()) {
            case "update" -> statements(document, "updates")
                    .forEach(update -> queries.add(query(sent, update.getDocument("q"))));
            case "delete" -> statements(document, "deletes")
                    .forEach(delete -> queries.add(query(sent, delete.getDocument("q"))));
            case "aggregate" -> queries.add(query(sent, document.getArray("pipeline").stream()
                    .map(BsonValue::asDocument).filter(stage -> stage.containsKey("$match")).findFirst()
                    .map(stage -> stage.getDocument("$match")).orElse(new BsonDocument())));
            default -> queries.add(query(sent, document.containsKey("filter") ? document.getDocument("filter")
                    : document.getDocument("query", new BsonDocument())));
        }
        return queries;
    }

    /** The field sets of the collection's unique single-field indexes, {@code _id} included. */
    public static Set<Set<String>> uniqueSingleFieldIndexes(MongoDatabase database, String collection) {
        Set<Set<String>> usable = new HashSet<>();
        usable.add(Set.of("_id"));
        for (Document index : database.getCollection(collection).listIndexes()) {
            Document key = index.get("key", Document.class);
            if (index.getBoolean("unique", false) && key.size() == 1) {
                usable.add(Set.copyOf(key.keySet()));
            }
        }
        return usable;
    }

    private static Query query(RecordedCommands.Command sent, BsonDocument filter) {
        return new Query(sent.database(), sent.collection(), sent.name(), filter);
    }

    private static List<BsonDocument> statements(BsonDocument sent, String field) {
        BsonArray statements = sent.getArray(field, new BsonArray());
        return statements.stream().map(BsonValue::asDocument).toList();
    }
}
