package dev.patron.command.customer;

import com.mongodb.client.MongoCollection;
import dev.patron.command.Throughput;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.eventstore.EventLogSeeder;
import dev.patron.eventstore.testing.InMemoryMongo;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Create-customer commands per second through the real HTTP API, next to raw driver inserts of the equivalent
 * event documents, in one run, with 10,000 and then 1,000,000 events already stored. Prints a table; asserts only
 * that every request succeeded. Run on purpose (docs/benchmarks.md), never as part of the tests.
 */
@Tag("benchmark")
@TestPropertySource(properties = "patron.mongo.database=create-customer-benchmark")
class CreateCustomerBenchmark extends CustomerHttpTestBase {

    private static final int CLIENTS = 4;
    private static final int CREATES = 2_000;

    @DynamicPropertySource
    static void inMemoryMongo(DynamicPropertyRegistry registry) {
        registry.add("patron.mongo.uri", InMemoryMongo::connectionString);
    }

    @Test
    void createsPerSecondAt10kAnd1mStoredEvents() throws Exception {
        System.out.println("| events stored | API creates/s (" + CLIENTS + " clients) | raw insertOne/s (" + CLIENTS + " threads) | ratio |");
        System.out.println("|---|---|---|---|");
        int stored = 0;
        for (int target : new int[]{10_000, 1_000_000}) {
            EventLogSeeder.seed(database, target - stored);
            stored = target;
            double viaApi = viaApi();
            double raw = rawInserts();
            System.out.printf(Locale.ROOT, "| %,d | %.0f | %.0f | %.2f |%n", stored, viaApi, raw, viaApi / raw);
        }
    }

    private double viaApi() throws Exception {
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        double rate = perSecond(i -> {
            HttpResponse<String> created = api.post(CUSTOMERS, customerJson("Bench " + i, "bench-" + UUID.randomUUID() + "@example.com", null, null));
            if (created.statusCode() != 201) {
                failures.add(created.statusCode() + " " + created.body());
            }
        });
        assertThat(failures).isEmpty();
        return rate;
    }

    private double rawInserts() throws Exception {
        MongoCollection<Document> raw = database.getCollection("raw_baseline");
        List<Document> documents = new ArrayList<>(CREATES);
        for (int i = 0; i < CREATES; i++) {
            String id = UUID.randomUUID().toString();
            documents.add(EventLogSeeder.rawCommit(database, new GenericDomainEventMessage<>(
                    "Customer", id, 0, new CustomerCreated(id, "Bench " + i, "raw-" + id + "@example.com", null)), -1 - i));
        }
        double rate = perSecond(i -> raw.insertOne(documents.get(i)));
        raw.drop();
        return rate;
    }

    private static double perSecond(IntConsumer operation) throws Exception {
        return Throughput.perSecond(CLIENTS, CREATES, operation);
    }
}
