package dev.patron.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's {@code H2Backend} against ours, in the same run, each on its own file, through the real driver:
 * the event store's write and read paths on a collection with two extra unique indexes like Patron's commits
 * ({@code sequenceKeys} strings, {@code globalIndexes} longs). Prints a Markdown table; see
 * {@code embedded-mongo/README.md} for how to run it and the figures.
 *
 * <p>Sizes can be lowered for a quick look: {@code -Dbenchmark.documents=} (default 100,000),
 * {@code -Dbenchmark.lookups=} (default 5,000).
 */
@Tag("benchmark")
class EmbeddedMongoBenchmark {

    private static final int DOCUMENTS = Integer.getInteger("benchmark.documents", 100_000);
    private static final int LOOKUPS = Integer.getInteger("benchmark.lookups", 5_000);
    private static final int IN_QUERIES = LOOKUPS / 10;
    private static final int WARM_UP_DOCUMENTS = 3_000;

    @TempDir
    Path temp;

    private record Backend(String name, Function<Path, TestServers.Running> start) {
    }

    private static final List<Backend> BACKENDS = List.of(
            new Backend("library `H2Backend`", TestServers::original),
            new Backend("ours, documents Java-serialized", TestServers::oursWithJavaSerializedDocuments),
            new Backend("ours (`PatronH2Backend`)", TestServers::ours));

    private record Result(String phase, String backend, long operations, long documents, double seconds,
                          double p50Millis, double p99Millis, double cpuSeconds) {
    }

    private final List<Result> results = new ArrayList<>();
    private final Random random = new Random(1);
    private long nextGlobalIndex = 1;

    @Test
    void libraryBackendAgainstOurs() throws Exception {
        for (Backend backend : BACKENDS) {
            warmUp(backend);
        }
        Map<String, Long> fileSizes = new LinkedHashMap<>();
        for (Backend backend : BACKENDS) {
            Path directory = temp.resolve(backend.name().replaceAll("[^a-zA-Z]", ""));
            try (TestServers.Running server = backend.start().apply(directory)) {
                measure(backend.name(), server.client().getDatabase("patron"));
            }
            fileSizes.put(backend.name(), Files.size(TestServers.storeFile(directory)));
        }
        Path libraryFile = temp.resolve(BACKENDS.get(0).name().replaceAll("[^a-zA-Z]", ""));
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        try (TestServers.Running server = TestServers.ours(libraryFile)) {
            assertThat(server.client().getDatabase("patron").getCollection("commits_batch_1").countDocuments()).isEqualTo(DOCUMENTS);
        }
        double migrationSeconds = (System.nanoTime() - started) / 1e9;
        double migrationCpu = (processCpuNanos() - cpuBefore) / 1e9;

        print(fileSizes, migrationSeconds, migrationCpu);
    }

    private void warmUp(Backend backend) {
        try (TestServers.Running server = backend.start().apply(temp.resolve("warm-up-" + backend.name().replaceAll("[^a-zA-Z]", "")))) {
            MongoDatabase database = server.client().getDatabase("patron");
            MongoCollection<Document> commits = createCommits(database, "warm_up");
            List<ObjectId> ids = new ArrayList<>();
            for (int i = 0; i < WARM_UP_DOCUMENTS; i++) {
                Document commit = commit();
                commits.insertOne(commit);
                ids.add(commit.getObjectId("_id"));
            }
            for (int i = 0; i < WARM_UP_DOCUMENTS; i++) {
                commits.find(Filters.eq("_id", ids.get(random.nextInt(ids.size())))).first();
                counterIncrement(database.getCollection("counters"));
            }
        }
    }

    private void measure(String backend, MongoDatabase database) {
        MongoCollection<Document> batched = createCommits(database, "commits_batch_500");
        List<Document> batch = new ArrayList<>();
        Timer timer = new Timer();
        for (int i = 0; i < DOCUMENTS; i++) {
            batch.add(commit());
            if (batch.size() == 500 || i == DOCUMENTS - 1) {
                long start = System.nanoTime();
                batched.insertMany(batch);
                timer.record(start);
                batch = new ArrayList<>();
            }
        }
        results.add(timer.result("insert, batches of 500", backend, DOCUMENTS));

        MongoCollection<Document> single = createCommits(database, "commits_batch_1");
        List<ObjectId> ids = new ArrayList<>(DOCUMENTS);
        timer = new Timer();
        for (int i = 0; i < DOCUMENTS; i++) {
            Document commit = commit();
            long start = System.nanoTime();
            single.insertOne(commit);
            timer.record(start);
            ids.add(commit.getObjectId("_id"));
        }
        results.add(timer.result("insert, batches of 1", backend, DOCUMENTS));
        assertThat(single.countDocuments()).isEqualTo(DOCUMENTS);

        timer = new Timer();
        for (int i = 0; i < LOOKUPS; i++) {
            ObjectId id = ids.get(random.nextInt(ids.size()));
            long start = System.nanoTime();
            BsonDocument found = single.find(Filters.eq("_id", id), BsonDocument.class).first();
            timer.record(start);
            assertThat(found).isNotNull();
        }
        results.add(timer.result("`eq(_id)` at " + DOCUMENTS / 1000 + "k", backend, LOOKUPS));

        timer = new Timer();
        for (int i = 0; i < IN_QUERIES; i++) {
            List<ObjectId> in = new ArrayList<>(100);
            for (int j = 0; j < 100; j++) {
                in.add(ids.get(random.nextInt(ids.size())));
            }
            long start = System.nanoTime();
            List<BsonDocument> found = single.find(Filters.in("_id", in), BsonDocument.class).into(new ArrayList<>());
            timer.record(start);
            assertThat(found).hasSizeGreaterThan(90);
        }
        results.add(timer.result("`$in` of 100 `_id`s at " + DOCUMENTS / 1000 + "k", backend, IN_QUERIES * 100L));

        MongoCollection<Document> counters = database.getCollection("counters");
        timer = new Timer();
        for (int i = 0; i < LOOKUPS; i++) {
            long start = System.nanoTime();
            counterIncrement(counters);
            timer.record(start);
        }
        results.add(timer.result("`findOneAndUpdate` `$inc` counter", backend, LOOKUPS));
    }

    private static MongoCollection<Document> createCommits(MongoDatabase database, String name) {
        MongoCollection<Document> commits = database.getCollection(name);
        commits.createIndex(Indexes.ascending("sequenceKeys"), new IndexOptions().unique(true));
        commits.createIndex(Indexes.ascending("globalIndexes"), new IndexOptions().unique(true));
        return commits;
    }

    private static Document counterIncrement(MongoCollection<Document> counters) {
        return counters.findOneAndUpdate(Filters.eq("_id", "events.globalIndex"), Updates.inc("value", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    }

    /** A commit of one event as Patron's event store writes it: about 300 bytes of BSON. */
    private Document commit() {
        String aggregateId = UUID.randomUUID().toString();
        byte[] payload = new byte[64];
        random.nextBytes(payload);
        return new Document("sequenceKeys", List.of(aggregateId + ":0"))
                .append("globalIndexes", List.of(nextGlobalIndex++))
                .append("aggregateId", aggregateId)
                .append("aggregateType", "Customer")
                .append("committedAt", new Date())
                .append("events", List.of(new Document("eventId", UUID.randomUUID().toString())
                        .append("timestamp", "2026-11-25T10:15:30.123Z")
                        .append("payloadType", "dev.patron.events.CustomerCreated")
                        .append("payloadRevision", null)
                        .append("payload", new Binary(payload))
                        .append("metaData", new Document("traceId", Long.toHexString(random.nextLong())))
                        .append("sequence", 0L)));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Wall time, CPU time of the whole process (client and server) and each operation's latency. */
    private static final class Timer {
        private final long started = System.nanoTime();
        private final long cpuStarted = processCpuNanos();
        private long[] latencies = new long[1024];
        private int count;

        void record(long start) {
            long latency = System.nanoTime() - start;
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = latency;
        }

        Result result(String phase, String backend, long documents) {
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpu = (processCpuNanos() - cpuStarted) / 1e9;
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            Result result = new Result(phase, backend, count, documents, seconds,
                    sorted[(int) (count * 0.50)] / 1e6, sorted[Math.min(count - 1, (int) (count * 0.99))] / 1e6, cpu);
            System.out.printf(Locale.ROOT, "%s / %s: %.1f s%n", backend, phase, seconds);
            return result;
        }
    }

    private void print(Map<String, Long> fileSizes, double migrationSeconds, double migrationCpu) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%d documents, %d lookups, %d `$in` queries; %d processors, Java %s%n%n",
                DOCUMENTS, LOOKUPS, IN_QUERIES, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        out.append("| workload | backend | ops/s | docs/s | p50 ms | p99 ms | CPU s | wall s |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %.2f | %.2f | %.1f | %.1f |%n",
                    r.phase(), r.backend(), r.operations() / r.seconds(), r.documents() / r.seconds(),
                    r.p50Millis(), r.p99Millis(), r.cpuSeconds(), r.seconds()));
        }
        out.append("\n| workload | ours vs library: throughput | CPU time |\n|---|---:|---:|\n");
        String library = BACKENDS.get(0).name();
        String ours = BACKENDS.get(2).name();
        for (Result r : results) {
            if (r.backend().equals(ours)) {
                Result base = results.stream().filter(b -> b.backend().equals(library) && b.phase().equals(r.phase())).findFirst().orElseThrow();
                out.append(String.format(Locale.ROOT, "| %s | %.1fx | %.2fx |%n", r.phase(),
                        base.seconds() / r.seconds(), r.cpuSeconds() / base.cpuSeconds()));
            }
        }
        out.append("\nFile size after the run: ");
        fileSizes.forEach((name, size) -> out.append(String.format(Locale.ROOT, "%s %.1f MB; ", name, size / 1e6)));
        out.append(String.format(Locale.ROOT, "%nOpening the library backend's file with ours (migrating its %,d documents "
                + "and their indexes, in two collections): %.1f s wall, %.1f s CPU%n", 2L * DOCUMENTS, migrationSeconds, migrationCpu));
        System.out.println(out);
    }
}
