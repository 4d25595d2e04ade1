package dev.patron.mongo;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedMongoServerTest {

    @TempDir
    Path dataDirectory;

    @Test
    void documentsAndUniqueIndexesSurviveARestartOnTheSameFile() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start("127.0.0.1", 0, dataDirectory);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> customers = client.getDatabase("patron").getCollection("customers");
            customers.createIndex(Indexes.ascending("email_key"), new IndexOptions().unique(true));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(new Document("_id", "customer-" + i).append("email_key", "c" + i + "@example.com"));
            }
            customers.insertMany(batch);
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start("127.0.0.1", 0, dataDirectory);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> customers = client.getDatabase("patron").getCollection("customers");
            assertThat(customers.countDocuments()).isEqualTo(500);
            assertThat(customers.find(Filters.eq("_id", "customer-499")).first())
                    .containsEntry("email_key", "c499@example.com");
            assertThatThrownBy(() -> customers.insertOne(new Document("_id", "other").append("email_key", "c7@example.com")))
                    .isInstanceOf(MongoWriteException.class);
        }
    }

    @Test
    void closingTheServerClosesTheStoreFile() throws Exception {
        EmbeddedMongoServer server = EmbeddedMongoServer.start("127.0.0.1", 0, dataDirectory);
        server.close();
        assertThat(server.isStoreClosed()).isTrue();
        assertThat(dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME)).exists();
    }

    @Test
    void argumentsOverrideTheEnvironment() {
        var settings = EmbeddedMongoMain.ServerSettings.from(
                new String[]{"--port=4000", "--data-dir=/tmp/x", "--sweep-delay-seconds=5"},
                Map.of("PATRON_MONGO_PORT", "5000", "PATRON_MONGO_HOST", "0.0.0.0",
                        "PATRON_MONGO_SWEEP_DELAY_SECONDS", "7"));
        assertThat(settings.port()).isEqualTo(4000);
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/tmp/x"));
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.sweepDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(EmbeddedMongoMain.ServerSettings.from(new String[0], Map.of()).sweepDelay())
                .isEqualTo(EmbeddedMongoServer.DEFAULT_SWEEP_DELAY);
    }
}
