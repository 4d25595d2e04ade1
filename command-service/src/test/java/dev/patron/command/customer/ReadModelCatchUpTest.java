package dev.patron.command.customer;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.patron.eventstore.testing.InMemoryMongo;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wait for the read model, against a read model that a projection (played here by a thread) updates late. */
class ReadModelCatchUpTest {

    private final MongoClient client = MongoClients.create(InMemoryMongo.connectionString());
    private final MongoDatabase database = client.getDatabase("read-model-catch-up-test");
    private final MongoCollection<Document> customers = database.getCollection(ReadModelCatchUp.CUSTOMERS);
    private final String customerId = UUID.randomUUID().toString();
    private ReadModelCatchUp catchUp;

    @BeforeEach
    void waitPatiently() {
        catchUp = new ReadModelCatchUp(database,
                new ReadYourWritesProperties(true, Duration.ofMinutes(1), Duration.ofMillis(5)));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void returnsOnlyOnceTheReadModelReachedTheVersion() {
        CompletableFuture<Void> projection = CompletableFuture.runAsync(() -> {
            project(0);
            project(1);
            project(2);
        });

        catchUp.awaitCustomerVersion(customerId, 2);

        assertThat(customers.find(eq("_id", customerId)).first().getLong("version")).isEqualTo(2);
        projection.join();
    }

    @Test
    void returnsOnlyOnceTheCustomerIsGone() {
        project(3);
        CompletableFuture<Void> projection = CompletableFuture.runAsync(() -> {
            pause();
            customers.deleteOne(eq("_id", customerId));
        });

        catchUp.awaitCustomerRemoval(customerId);

        assertThat(customers.countDocuments(eq("_id", customerId))).isZero();
        projection.join();
    }

    @Test
    void answersAnywayWhenTheReadModelDoesNotCatchUpInTime() {
        ReadModelCatchUp impatient = new ReadModelCatchUp(database,
                new ReadYourWritesProperties(true, Duration.ofMillis(50), Duration.ofMillis(5)));

        impatient.awaitCustomerVersion(customerId, 0);

        assertThat(customers.countDocuments(eq("_id", customerId))).isZero();
    }

    private void project(long version) {
        pause();
        customers.replaceOne(eq("_id", customerId), new Document("_id", customerId).append("version", version),
                new ReplaceOptions().upsert(true));
    }

    /** Lets the waiting side look at least once before the projection moves on. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
