package dev.patron.mongo;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dropping and renaming remove or move exactly the maps they should, and what stays works after a restart. */
class MapLifecycleTest {

    @TempDir
    Path dataDirectory;

    private static void fill(MongoCollection<Document> collection, String prefix) {
        collection.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            documents.add(new Document("_id", prefix + i).append("k", (long) i));
        }
        collection.insertMany(documents);
    }

    private static void assertUniqueIndexWorks(MongoCollection<Document> collection, String prefix) {
        assertThat(collection.countDocuments()).isEqualTo(50);
        assertThat(collection.find(Filters.eq("_id", prefix + 7)).first()).containsEntry("k", 7L);
        assertThat(collection.find(Filters.in("_id", List.of(prefix + 1, prefix + 2, "absent"))).into(new ArrayList<>())).hasSize(2);
        assertThat(collection.find(Filters.eq("k", 9)).first()).containsEntry("_id", prefix + 9);
        assertThatThrownBy(() -> collection.insertOne(new Document("_id", "other").append("k", 3.0)))
                .isInstanceOf(MongoWriteException.class);
        assertThatThrownBy(() -> collection.insertOne(new Document("_id", prefix + 3)))
                .isInstanceOf(MongoWriteException.class);
    }

    @Test
    void droppingAnIndexACollectionOrADatabaseRemovesItsMaps() {
        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            MongoClient client = server.client();
            fill(client.getDatabase("patron").getCollection("a"), "a");
            fill(client.getDatabase("patron").getCollection("b"), "b");
            fill(client.getDatabase("pat").getCollection("z"), "z");
        }
        Set<String> before = TestServers.mapNames(dataDirectory);
        assertThat(before).contains("v2/index/patron.a$k_1", "v2/data/patron.b", "v2/meta/patron.b", "v2/index/patron.b$_id_",
                "v2/index/patron.b$k_1", "v2/data/pat.z", "v2/index/pat.z$k_1");

        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            MongoClient client = server.client();
            client.getDatabase("patron").getCollection("a").dropIndex("k_1");
            client.getDatabase("patron").getCollection("b").drop();
            // mongo-java-server's own drop removes the maps of every database whose name starts with "pat".
            client.getDatabase("pat").drop();
        }
        Set<String> after = TestServers.mapNames(dataDirectory);
        assertThat(after).doesNotContain("v2/index/patron.a$k_1")
                .contains("v2/data/patron.a", "v2/meta/patron.a", "v2/index/patron.a$_id_")
                .noneMatch(name -> name.contains("patron.b"))
                .noneMatch(name -> name.contains("/pat."));

        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            MongoClient client = server.client();
            MongoCollection<Document> a = client.getDatabase("patron").getCollection("a");
            assertThat(a.countDocuments()).isEqualTo(50);
            a.insertOne(new Document("_id", "again").append("k", 3L));
            assertThat(client.getDatabase("patron").listCollectionNames().into(new ArrayList<>())).containsExactly("a");
            assertThat(client.listDatabaseNames().into(new ArrayList<>())).doesNotContain("pat");
            client.getDatabase("patron").drop();
        }
        assertThat(TestServers.mapNames(dataDirectory)).noneMatch(name -> name.contains("patron."));
    }

    @Test
    void droppingAnIndexLeavesTheSameNamedIndexesOfOtherCollectionsAlone() {
        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            MongoClient client = server.client();
            fill(client.getDatabase("patron").getCollection("x"), "x");
            fill(client.getDatabase("patron").getCollection("y"), "y");
            fill(client.getDatabase("patron").getCollection("w"), "w");
            client.getDatabase("patron").getCollection("x").dropIndex("k_1");
            client.getDatabase("patron").getCollection("w").dropIndexes();
            assertThat(client.getDatabase("patron").getCollection("w").listIndexes().into(new ArrayList<>()))
                    .extracting(index -> index.getString("name")).containsExactly("_id_");
        }
        assertThat(TestServers.mapNames(dataDirectory)).contains("v2/index/patron.y$k_1")
                .doesNotContain("v2/index/patron.x$k_1", "v2/index/patron.w$k_1");
        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            MongoClient client = server.client();
            assertUniqueIndexWorks(client.getDatabase("patron").getCollection("y"), "y");
            assertThat(client.getDatabase("patron").getCollection("y").listIndexes().into(new ArrayList<>()))
                    .extracting(index -> index.getString("name")).containsExactlyInAnyOrder("_id_", "k_1");
            client.getDatabase("patron").getCollection("x").insertOne(new Document("_id", "x-dup").append("k", 1L));
            client.getDatabase("patron").getCollection("y").drop();
        }
        assertThat(TestServers.mapNames(dataDirectory)).noneMatch(name -> name.contains("patron.y"));
    }

    @Test
    void aRenamedCollectionKeepsItsDocumentsAndIndexesAcrossARestart() {
        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            MongoClient client = server.client();
            fill(client.getDatabase("patron").getCollection("c"), "c");
            fill(client.getDatabase("patron").getCollection("a"), "a");
            client.getDatabase("patron").getCollection("c").renameCollection(new MongoNamespace("patron", "d"));
            client.getDatabase("patron").getCollection("a").renameCollection(new MongoNamespace("archive", "a2"));
            assertUniqueIndexWorks(client.getDatabase("patron").getCollection("d"), "c");
            assertUniqueIndexWorks(client.getDatabase("archive").getCollection("a2"), "a");
        }
        assertThat(TestServers.mapNames(dataDirectory))
                .contains("v2/data/patron.d", "v2/meta/patron.d", "v2/index/patron.d$_id_", "v2/index/patron.d$k_1",
                        "v2/data/archive.a2", "v2/index/archive.a2$k_1")
                .noneMatch(name -> name.contains("patron.c") || name.contains("patron.a"));

        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            MongoClient client = server.client();
            assertThat(client.getDatabase("patron").listCollectionNames().into(new ArrayList<>())).containsExactly("d");
            assertUniqueIndexWorks(client.getDatabase("patron").getCollection("d"), "c");
            assertUniqueIndexWorks(client.getDatabase("archive").getCollection("a2"), "a");
        }
    }
}
