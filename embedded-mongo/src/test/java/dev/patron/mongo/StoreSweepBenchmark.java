package dev.patron.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * What a sweep costs on a store of N customers shaped like Patron's (a read-model document of about 400 bytes, a
 * lookup entry and two event commits per customer, a fifth of the customers updated once): the first sweep after an
 * erasure in a store that was never swept, a second erasure's sweep right after, and one sweep for a hundred erasures.
 * Prints a Markdown table; see {@code embedded-mongo/README.md}. {@code -Dbenchmark.customers=} sets N (default
 * 100,000).
 */
@Tag("benchmark")
class StoreSweepBenchmark {

    private static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 100_000);
    private static final Duration SWEEP_DELAY = Duration.ofSeconds(1);

    @TempDir
    Path dataDirectory;

    private final Random random = new Random(8);

    @Test
    void sweepsAfterErasures() throws Exception {
        List<String> rows = new ArrayList<>();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start("127.0.0.1", 0, dataDirectory, SWEEP_DELAY);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("patron");
            fill(database);
            rows.add(sweepAfterErasing(server, database, 1, "first sweep, one erasure"));
            rows.add(sweepAfterErasing(server, database, 1, "next sweep, one erasure"));
            rows.add(sweepAfterErasing(server, database, 100, "next sweep, 100 erasures"));
        }
        System.out.println();
        System.out.println("| customers | sweep | chunks rewritten | KB zeroed | ms | file MB |");
        System.out.println("|---:|---|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private void fill(MongoDatabase database) {
        MongoCollection<Document> customers = database.getCollection("customers");
        MongoCollection<Document> emails = database.getCollection("customer_emails");
        MongoCollection<Document> events = database.getCollection("events");
        List<Document> customerBatch = new ArrayList<>();
        List<Document> emailBatch = new ArrayList<>();
        List<Document> eventBatch = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customerBatch.add(new Document("_id", id(i)).append("version", 0L).append("name", "Customer " + i)
                    .append("email", "customer-" + i + "@example.com").append("emailKey", "customer-" + i + "@example.com")
                    .append("createdAt", new Date()).append("updatedAt", new Date())
                    .append("customFields", new Document("loyalty_tier", "gold").append("newsletter", true))
                    .append("note", "x".repeat(150)));
            emailBatch.add(new Document("_id", lookupKey(i)).append("customerIds", List.of(id(i))));
            for (int e = 0; e < 2; e++) {
                byte[] payload = new byte[200];
                random.nextBytes(payload);
                eventBatch.add(new Document("aggregateId", id(i)).append("sequenceKeys", List.of(id(i) + ":" + e))
                        .append("payload", new Binary(payload)));
            }
            if (customerBatch.size() == 500) {
                customers.insertMany(customerBatch);
                emails.insertMany(emailBatch);
                events.insertMany(eventBatch);
                customerBatch.clear();
                emailBatch.clear();
                eventBatch.clear();
            }
        }
        for (int i = 0; i < CUSTOMERS; i += 5) {
            customers.updateOne(Filters.eq("_id", id(i)), Updates.set("name", "Renamed " + i));
        }
    }

    private String sweepAfterErasing(EmbeddedMongoServer server, MongoDatabase database, int erasures, String sweep)
            throws Exception {
        for (int n = 0; n < erasures; n++) {
            int erased = random.nextInt(CUSTOMERS);
            database.getCollection("customers").deleteOne(Filters.eq("_id", id(erased)));
            database.getCollection("customer_emails").deleteOne(Filters.eq("_id", lookupKey(erased)));
        }
        long before = server.completedSweeps();
        database.runCommand(new Document(EmbeddedStoreSweep.COMMAND, 1));
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> server.completedSweeps() > before && !server.sweepOwed());
        EmbeddedStoreSweep.Swept swept = server.lastSwept();
        long fileBytes = Files.size(dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME));
        return String.format(Locale.ROOT, "| %,d | %s | %,d | %,d | %,d | %.0f |", CUSTOMERS, sweep, swept.chunks(),
                swept.zeroedBytes() / 1024, swept.millis(), fileBytes / 1024.0 / 1024.0);
    }

    private static String id(int i) {
        return String.format("%08d-0000-4000-8000-000000000000", i);
    }

    /** Shaped like a lookup key (a keyed hash: random order), and the same for the same customer. */
    private static String lookupKey(int i) {
        return "k1:" + UUID.nameUUIDFromBytes(("email-" + i).getBytes(StandardCharsets.UTF_8));
    }
}
