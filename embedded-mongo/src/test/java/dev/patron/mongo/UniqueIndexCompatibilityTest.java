package dev.patron.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same writes against the library's H2 backend and ours: every insert or update is accepted or refused alike,
 * and the same documents are stored, including after a restart.
 */
class UniqueIndexCompatibilityTest {

    private static final String OK = "ok";
    private static final String DUPLICATE = "duplicate";
    private static final ObjectId OBJECT_ID = new ObjectId("65f000000000000000000001");

    @TempDir
    Path temp;

    private record Step(String description, Consumer<MongoDatabase> write) {
    }

    private static Step insert(String collection, Document document) {
        return new Step(collection + " insert " + document.toJson(),
                database -> database.getCollection(collection).insertOne(document));
    }

    private static Step update(String collection, Object id, String field, Object value) {
        return new Step(collection + " set " + field + "=" + value + " on " + id,
                database -> database.getCollection(collection).updateOne(Filters.eq("_id", id), Updates.set(field, value)));
    }

    private static List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        // strings
        steps.add(insert("strings", new Document("_id", 1).append("s", "x")));
        steps.add(insert("strings", new Document("_id", 2).append("s", "x")));
        steps.add(insert("strings", new Document("_id", 3).append("s", "X")));
        steps.add(insert("strings", new Document("_id", 4).append("s", "x ")));
        steps.add(insert("strings", new Document("_id", 5)));
        steps.add(insert("strings", new Document("_id", 6)));
        steps.add(insert("strings", new Document("_id", 7).append("s", null)));
        steps.add(insert("strings", new Document("_id", 8).append("s", "😀")));
        steps.add(update("strings", 3, "s", "x"));
        steps.add(update("strings", 3, "s", "X"));
        steps.add(update("strings", 3, "s", "Y"));
        steps.add(insert("strings", new Document("_id", 9).append("s", "X")));
        // numbers: ints, longs and doubles of equal value are one key; longs beyond 2^53 keep their exact value
        steps.add(insert("numbers", new Document("_id", 1).append("n", 1)));
        steps.add(insert("numbers", new Document("_id", 2).append("n", 1L)));
        steps.add(insert("numbers", new Document("_id", 3).append("n", 1.0)));
        steps.add(insert("numbers", new Document("_id", 4).append("n", 2L)));
        steps.add(insert("numbers", new Document("_id", 5).append("n", 2)));
        steps.add(insert("numbers", new Document("_id", 6).append("n", 2.5)));
        steps.add(insert("numbers", new Document("_id", 7).append("n", (1L << 53) + 1)));
        steps.add(insert("numbers", new Document("_id", 8).append("n", (double) (1L << 53))));
        steps.add(insert("numbers", new Document("_id", 9).append("n", 1L << 53)));
        steps.add(insert("numbers", new Document("_id", 10).append("n", -0.0)));
        steps.add(insert("numbers", new Document("_id", 11).append("n", 0)));
        steps.add(insert("numbers", new Document("_id", 12).append("n", "1")));
        steps.add(insert("numbers", new Document("_id", 13).append("n", Long.MAX_VALUE)));
        steps.add(insert("numbers", new Document("_id", 14).append("n", Long.MAX_VALUE - 1)));
        steps.add(insert("numbers", new Document("_id", 15).append("n", Double.NaN)));
        steps.add(insert("numbers", new Document("_id", 16).append("n", Double.NaN)));
        // compound keys
        steps.add(insert("compound", new Document("_id", 1).append("a", "p").append("b", 1)));
        steps.add(insert("compound", new Document("_id", 2).append("a", "p").append("b", 1L)));
        steps.add(insert("compound", new Document("_id", 3).append("a", "p").append("b", 2)));
        steps.add(insert("compound", new Document("_id", 4).append("a", "q").append("b", 1)));
        steps.add(insert("compound", new Document("_id", 5).append("b", 1).append("a", "p")));
        steps.add(insert("compound", new Document("_id", 6).append("a", "p")));
        steps.add(insert("compound", new Document("_id", 7).append("a", "p").append("b", null)));
        steps.add(insert("compound", new Document("_id", 8).append("b", "p").append("a", 1)));
        // sparse: documents without the field are not indexed, an explicit null is
        steps.add(insert("sparse", new Document("_id", 1)));
        steps.add(insert("sparse", new Document("_id", 2)));
        steps.add(insert("sparse", new Document("_id", 3).append("sp", null)));
        steps.add(insert("sparse", new Document("_id", 4).append("sp", null)));
        steps.add(insert("sparse", new Document("_id", 5).append("sp", "v")));
        steps.add(insert("sparse", new Document("_id", 6).append("sp", "v")));
        // multikey: every element is a key
        steps.add(insert("multikey", new Document("_id", 1).append("arr", List.of(1L, 2L))));
        steps.add(insert("multikey", new Document("_id", 2).append("arr", List.of(2L, 3L))));
        steps.add(insert("multikey", new Document("_id", 3).append("arr", List.of(3L, 4L))));
        steps.add(insert("multikey", new Document("_id", 4).append("arr", List.of(4))));
        steps.add(insert("multikey", new Document("_id", 5).append("arr", List.of(5L, 5L))));
        steps.add(insert("multikey", new Document("_id", 6).append("arr", List.of("k1", "k2"))));
        steps.add(insert("multikey", new Document("_id", 7).append("arr", List.of("k2"))));
        steps.add(insert("multikey", new Document("_id", 8).append("arr", List.of(List.of(6L)))));
        steps.add(insert("multikey", new Document("_id", 9).append("arr", List.of(List.of(6L)))));
        steps.add(insert("multikey", new Document("_id", 10).append("arr", List.of(new Document("x", 1)))));
        steps.add(insert("multikey", new Document("_id", 11).append("arr", List.of(new Document("x", 1L)))));
        steps.add(insert("multikey", new Document("_id", 12).append("arr", List.of(new Document("y", 1).append("x", 1)))));
        steps.add(update("multikey", 1, "arr", List.of(1L, 7L)));
        steps.add(insert("multikey", new Document("_id", 13).append("arr", List.of(2L))));
        // _id: the primary key index normalizes too
        steps.add(insert("ids", new Document("_id", 1).append("seq", 1)));
        steps.add(insert("ids", new Document("_id", 1L).append("seq", 2)));
        steps.add(insert("ids", new Document("_id", "1").append("seq", 3)));
        steps.add(insert("ids", new Document("_id", OBJECT_ID).append("seq", 4)));
        steps.add(insert("ids", new Document("_id", OBJECT_ID).append("seq", 5)));
        steps.add(insert("ids", new Document("_id", new Document("a", 1)).append("seq", 6)));
        steps.add(insert("ids", new Document("_id", new Document("a", 1L)).append("seq", 7)));
        steps.add(insert("ids", new Document("_id", new Document("a", 1).append("b", 2)).append("seq", 8)));
        steps.add(insert("ids", new Document("_id", new Document("b", 2).append("a", 1)).append("seq", 9)));
        steps.add(insert("ids", new Document("_id", null).append("seq", 10)));
        steps.add(insert("ids", new Document("seq", 11).append("_id", null)));
        steps.add(insert("ids", new Document("_id", 2.5).append("seq", 12)));
        return steps;
    }

    private static void createIndexes(MongoDatabase database) {
        database.getCollection("strings").createIndex(Indexes.ascending("s"), new IndexOptions().unique(true));
        database.getCollection("numbers").createIndex(Indexes.ascending("n"), new IndexOptions().unique(true));
        database.getCollection("compound").createIndex(Indexes.ascending("a", "b"), new IndexOptions().unique(true));
        database.getCollection("sparse").createIndex(Indexes.ascending("sp"), new IndexOptions().unique(true).sparse(true));
        database.getCollection("multikey").createIndex(Indexes.ascending("arr"), new IndexOptions().unique(true));
        database.getCollection("ids").insertOne(new Document("_id", "created"));
        database.getCollection("ids").deleteOne(Filters.eq("_id", "created"));
    }

    private static Map<String, String> run(Function<Path, TestServers.Running> server, Path directory) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        try (TestServers.Running running = server.apply(directory)) {
            MongoDatabase database = running.client().getDatabase("patron");
            createIndexes(database);
            for (Step step : steps()) {
                try {
                    step.write().accept(database);
                    outcomes.put(step.description(), OK);
                } catch (MongoException e) {
                    outcomes.put(step.description(), e.getCode() == 11000 ? DUPLICATE : "error " + e.getCode());
                }
            }
        }
        return outcomes;
    }

    private static Map<String, List<Document>> contents(Function<Path, TestServers.Running> server, Path directory) {
        Map<String, List<Document>> contents = new LinkedHashMap<>();
        try (TestServers.Running running = server.apply(directory)) {
            MongoDatabase database = running.client().getDatabase("patron");
            for (String name : List.of("strings", "numbers", "compound", "sparse", "multikey", "ids")) {
                MongoCollection<Document> collection = database.getCollection(name);
                contents.put(name, collection.find().sort(Sorts.ascending(name.equals("ids") ? "seq" : "_id"))
                        .into(new ArrayList<>()));
            }
        }
        return contents;
    }

    @Test
    void refusesAndAcceptsExactlyWhatTheLibrarysBackendDoes() {
        Path originalDirectory = temp.resolve("original");
        Path oursDirectory = temp.resolve("ours");
        Map<String, String> original = run(TestServers::original, originalDirectory);
        Map<String, String> ours = run(TestServers::ours, oursDirectory);

        assertThat(ours).containsExactlyEntriesOf(original);
        assertThat(contents(TestServers::ours, oursDirectory)).isEqualTo(contents(TestServers::original, originalDirectory));

        // And what that behaviour is, so that a change in the library shows here too.
        List<String> refused = ours.entrySet().stream().filter(e -> e.getValue().equals(DUPLICATE)).map(Map.Entry::getKey).toList();
        assertThat(ours.values()).containsOnly(OK, DUPLICATE);
        assertThat(refused).containsExactly(
                "strings insert {\"_id\": 2, \"s\": \"x\"}",
                "strings insert {\"_id\": 6}",
                "strings insert {\"_id\": 7, \"s\": null}",
                "strings set s=x on 3",
                "numbers insert {\"_id\": 2, \"n\": 1}",
                "numbers insert {\"_id\": 3, \"n\": 1.0}",
                "numbers insert {\"_id\": 5, \"n\": 2}",
                "numbers insert {\"_id\": 9, \"n\": 9007199254740992}",
                "numbers insert {\"_id\": 11, \"n\": 0}",
                "numbers insert {\"_id\": 16, \"n\": {\"$numberDouble\": \"NaN\"}}",
                "compound insert {\"_id\": 2, \"a\": \"p\", \"b\": 1}",
                "compound insert {\"_id\": 5, \"b\": 1, \"a\": \"p\"}",
                "compound insert {\"_id\": 7, \"a\": \"p\", \"b\": null}",
                "sparse insert {\"_id\": 4, \"sp\": null}",
                "sparse insert {\"_id\": 6, \"sp\": \"v\"}",
                "multikey insert {\"_id\": 2, \"arr\": [2, 3]}",
                "multikey insert {\"_id\": 4, \"arr\": [4]}",
                "multikey insert {\"_id\": 7, \"arr\": [\"k2\"]}",
                "multikey insert {\"_id\": 9, \"arr\": [[6]]}",
                "multikey insert {\"_id\": 11, \"arr\": [{\"x\": 1}]}",
                "ids insert {\"_id\": 1, \"seq\": 2}",
                "ids insert {\"_id\": {\"$oid\": \"65f000000000000000000001\"}, \"seq\": 5}",
                "ids insert {\"_id\": {\"a\": 1}, \"seq\": 7}",
                "ids insert {\"seq\": 11, \"_id\": null}");
    }

    @Test
    void theRefusalsHoldAfterARestart() {
        run(TestServers::ours, temp);
        try (TestServers.Running running = TestServers.ours(temp)) {
            MongoDatabase database = running.client().getDatabase("patron");
            for (Step step : List.of(
                    insert("strings", new Document("_id", 100).append("s", "x")),
                    insert("numbers", new Document("_id", 100).append("n", 2.0)),
                    insert("compound", new Document("_id", 100).append("a", "q").append("b", 1.0)),
                    insert("sparse", new Document("_id", 100).append("sp", "v")),
                    insert("multikey", new Document("_id", 100).append("arr", Arrays.asList(99L, 3)))
            )) {
                try {
                    step.write().accept(database);
                    throw new AssertionError("accepted after a restart: " + step.description());
                } catch (MongoException e) {
                    assertThat(e.getCode()).as(step.description()).isEqualTo(11000);
                }
            }
            database.getCollection("sparse").insertOne(new Document("_id", 101));
            assertThat(database.getCollection("sparse").countDocuments()).isEqualTo(5);
        }
    }
}
