package dev.patron.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a sweep promises: once it has run, no byte of a document deleted (or a field unset) before it was requested is
 * in the data file, while everything live still is and still reads, before and after a restart. The controls find the
 * same bytes in the file before the deletion, so a scan that found nothing would fail them.
 */
class EmbeddedStoreSweepTest {

    private static final Duration SWEEP_DELAY = Duration.ofMillis(500);
    private static final int CUSTOMERS = 3_000;

    @TempDir
    Path dataDirectory;

    @Test
    void afterASweepNothingDeletedBeforeItsRequestIsInTheFileAndEverythingLiveIs() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start("127.0.0.1", 0, dataDirectory, SWEEP_DELAY);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> customers = client.getDatabase("patron").getCollection("customers");
            insertCustomers(customers);
            // Overwritten many times: each version's page is left behind in the file.
            for (int i = 0; i < 20; i++) {
                customers.updateOne(Filters.eq("_id", "customer-17"), Updates.set("note", "Marker-Noted-" + i));
            }
            awaitInFile("Marker-Erased-0017", "Marker-Noted-19", "Marker-Kept-2999");

            customers.deleteOne(Filters.eq("_id", "customer-17"));
            customers.updateOne(Filters.eq("_id", "customer-18"), Updates.unset("name"));
            long before = server.completedSweeps();
            client.getDatabase("patron").runCommand(new Document(EmbeddedStoreSweep.COMMAND, 1));
            await(() -> server.completedSweeps() > before && !server.sweepOwed());

            assertThat(occurrencesInFile("Marker-Erased-0017")).as("the deleted customer").isZero();
            assertThat(occurrencesInFile("Marker-Erased-0018")).as("the unset name").isZero();
            assertThat(occurrencesInFile("Marker-Noted-")).as("every version of the deleted note").isZero();
            assertThat(occurrencesInFile("Marker-Kept-2999")).as("a live customer").isPositive();
            assertThat(customers.countDocuments()).isEqualTo(CUSTOMERS - 1);
        }
        assertThat(occurrencesInFile("Marker-Erased-0017")).as("after a clean stop").isZero();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start("127.0.0.1", 0, dataDirectory, SWEEP_DELAY);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> customers = client.getDatabase("patron").getCollection("customers");
            assertThat(customers.countDocuments()).isEqualTo(CUSTOMERS - 1);
            assertThat(customers.find(Filters.eq("_id", "customer-2999")).first())
                    .containsEntry("email", "c2999@example.com");
            assertThat(customers.find(Filters.eq("_id", "customer-18")).first()).doesNotContainKey("name");
        }
    }

    @Test
    void aSweepStillOwedWhenTheServerStopsRunsBeforeTheFileIsClosed() throws Exception {
        Duration longerThanTheTest = Duration.ofHours(1);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start("127.0.0.1", 0, dataDirectory, longerThanTheTest);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> customers = client.getDatabase("patron").getCollection("customers");
            insertCustomers(customers);
            awaitInFile("Marker-Erased-0017");
            customers.deleteOne(Filters.eq("_id", "customer-17"));
            client.getDatabase("patron").runCommand(new Document(EmbeddedStoreSweep.COMMAND, 1));
            assertThat(server.sweepOwed()).isTrue();
        }

        assertThat(occurrencesInFile("Marker-Erased-0017")).isZero();
        assertThat(occurrencesInFile("Marker-Kept-2999")).isPositive();
    }

    /**
     * A file written by H2's own file store (an earlier Patron): its free space and the unused ends of its chunks,
     * which H2 fills from pooled buffers, hold deleted data too; the first sweep clears them.
     */
    @Test
    void theFirstSweepOfAFileFromAnEarlierPatronClearsWhatItsStoreLeftBehind() throws Exception {
        Path file = dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME);
        Files.createDirectories(dataDirectory);
        try (MVStore plain = new MVStore.Builder().fileName(file.toString()).open()) {
            MVMap<String, String> map = plain.openMap("leftovers");
            for (int round = 0; round < 50; round++) {
                map.put("big-" + round, "Marker-Erased-Earlier-" + round + "x".repeat(3_000));
                plain.commit();
                map.remove("big-" + round);
                map.put("small-" + round, "y");
                plain.commit();
            }
        }
        assertThat(occurrencesInFile("Marker-Erased-Earlier-")).as("left in the file").isPositive();

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start("127.0.0.1", 0, dataDirectory, SWEEP_DELAY);
             MongoClient client = MongoClients.create(server.connectionString())) {
            long before = server.completedSweeps();
            client.getDatabase("patron").runCommand(new Document(EmbeddedStoreSweep.COMMAND, 1));
            await(() -> server.completedSweeps() > before && !server.sweepOwed());

            assertThat(occurrencesInFile("Marker-Erased-Earlier-")).isZero();
        }
    }

    /**
     * Why nothing personal may be a key, not even of an entry that is deleted: the inner pages of H2's B-trees keep
     * the keys of deleted entries as separators, and the sweep copies live pages as they are.
     */
    @Test
    void keysOfDeletedEntriesOutliveThemInTheTreesInnerPages() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start("127.0.0.1", 0, dataDirectory, SWEEP_DELAY);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> lookup = client.getDatabase("patron").getCollection("customer_emails");
            List<Document> entries = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                String key = String.format("separator-%05d@example.com", i);
                entries.add(new Document("_id", key));
                if (i % 7 != 0) {
                    deleted.add(key);
                }
            }
            lookup.insertMany(entries);
            awaitInFile("separator-04999@example.com");
            lookup.deleteMany(Filters.in("_id", deleted));
            long before = server.completedSweeps();
            client.getDatabase("patron").runCommand(new Document(EmbeddedStoreSweep.COMMAND, 1));
            await(() -> server.completedSweeps() > before && !server.sweepOwed());

            String file = new String(Files.readAllBytes(dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME)),
                    StandardCharsets.ISO_8859_1);
            assertThat(deleted).filteredOn(file::contains).as("deleted keys still in the file").isNotEmpty();
        }
    }

    private static void insertCustomers(MongoCollection<Document> customers) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String marker = i == 17 || i == 18 ? "Marker-Erased-" : "Marker-Kept-";
            batch.add(new Document("_id", "customer-" + i)
                    .append("name", marker + String.format("%04d", i))
                    .append("email", "c" + i + "@example.com"));
            if (batch.size() == 500) {
                customers.insertMany(batch);
                batch.clear();
            }
        }
    }

    /** Waits until H2's background commit has written the values (it writes at least once a second). */
    private void awaitInFile(String... values) {
        await(() -> {
            for (String value : values) {
                if (occurrencesInFile(value) == 0) {
                    return false;
                }
            }
            return true;
        });
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }

    private int occurrencesInFile(String value) {
        try {
            byte[] content = Files.readAllBytes(dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME));
            byte[] needle = value.getBytes(StandardCharsets.UTF_8);
            int found = 0;
            for (int start = 0; start + needle.length <= content.length; start++) {
                if (Arrays.equals(content, start, start + needle.length, needle, 0, needle.length)) {
                    found++;
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
