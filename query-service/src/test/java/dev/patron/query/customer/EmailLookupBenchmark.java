package dev.patron.query.customer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.patron.query.RunningQueryService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code eq(email)} through the query service's HTTP API (token check, filter parsing, email lookup, customer fetch,
 * JSON) against the raw driver fetching the same document by {@code _id}, at 10,000 and at 100,000 customers. For
 * context: a raw {@code find} on the plain email field (no unique key: a scan on the embedded server), and the HTTP
 * floor (a health probe, and a fetch by id). Prints figures; asserts nothing about time. Run with
 * {@code mvn -pl query-service test -Dtest=EmailLookupBenchmark -Dpatron.excludedGroups=none -Dgroups=benchmark}.
 */
@Tag("benchmark")
class EmailLookupBenchmark extends RunningQueryService {

    private static final int WARM_UP = 300;
    private static final int SAMPLES = 3_000;
    private static final int SCAN_SAMPLES = 30;

    @Autowired
    private CustomerStore store;

    private final Random random = new Random(42);
    private int seeded;

    @Test
    void emailLookupLatency() {
        List<String> report = new ArrayList<>();
        for (int size : new int[] {10_000, 100_000}) {
            seedUpTo(size);
            report.add(measure(size));
        }
        System.out.println("\n| customers | path | p50 ms | p99 ms | p50 ratio to raw _id |");
        System.out.println("|---|---|---|---|---|");
        report.forEach(System.out::print);
    }

    /**
     * Customers are written through the read model's own write path (lookup first, then document), not through
     * the event store, so that seeding 100,000 takes minutes rather than a quarter of an hour.
     */
    private void seedUpTo(int size) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        long started = System.nanoTime();
        for (; seeded < size; seeded++) {
            String id = idOf(seeded);
            store.save(Optional.empty(), StoredCustomer.created(id, 0, "Customer " + seeded, emailOf(seeded),
                    seeded % 10 == 0 ? "crm-" + seeded : null, Map.of(), at.plusMillis(seeded)));
        }
        System.out.printf("seeded up to %,d customers in %.1f s%n", size, (System.nanoTime() - started) / 1e9);
    }

    private String measure(int size) {
        MongoCollection<Document> customers = database.getCollection(CustomerStore.CUSTOMERS);
        Callable<Object> http = () -> {
            int n = random.nextInt(size);
            Response response = get("/v2/customers?filter="
                    + URLEncoder.encode("eq(email," + emailOf(n).toUpperCase() + ")", StandardCharsets.UTF_8));
            if (response.status() != 200 || !response.body().contains(idOf(n))) {
                throw new IllegalStateException("lookup of customer " + n + " failed: " + response.body());
            }
            return response;
        };
        Callable<Object> httpById = () -> get("/v2/customers/" + idOf(random.nextInt(size)));
        Callable<Object> httpProbe = () -> management("/actuator/health/liveness");
        Callable<Object> rawById = () -> customers.find(Filters.eq("_id", idOf(random.nextInt(size)))).first();
        Callable<Object> rawByEmailField = () ->
                customers.find(Filters.eq(CustomerStore.EMAIL, emailOf(random.nextInt(size)))).first();

        double[] raw = latencies(rawById, SAMPLES);
        double[] api = latencies(http, SAMPLES);
        double[] byId = latencies(httpById, SAMPLES);
        double[] probe = latencies(httpProbe, SAMPLES);
        double[] scan = latencies(rawByEmailField, SCAN_SAMPLES);
        return row(size, "raw driver find by _id (baseline)", raw, raw)
                + row(size, "HTTP GET /v2/customers?filter=eq(email,..)", api, raw)
                + row(size, "HTTP GET /v2/customers/:id", byId, raw)
                + row(size, "HTTP GET /actuator/health/liveness (no token, no database)", probe, raw)
                + row(size, "raw driver find by email field (scan)", scan, raw);
    }

    private static double[] latencies(Callable<Object> call, int samples) {
        try {
            for (int i = 0; i < Math.min(WARM_UP, samples); i++) {
                call.call();
            }
            double[] millis = new double[samples];
            for (int i = 0; i < samples; i++) {
                long started = System.nanoTime();
                call.call();
                millis[i] = (System.nanoTime() - started) / 1e6;
            }
            Arrays.sort(millis);
            return millis;
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static String row(int size, String path, double[] sorted, double[] baseline) {
        return String.format("| %,d | %s | %.2f | %.2f | %.1f |%n", size, path, percentile(sorted, 50),
                percentile(sorted, 99), percentile(sorted, 50) / percentile(baseline, 50));
    }

    private static double percentile(double[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static String idOf(int n) {
        return String.format("bench-%08d", n);
    }

    private static String emailOf(int n) {
        return "customer" + n + "@bench.example";
    }
}
