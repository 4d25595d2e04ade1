package dev.patron.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A rebuild of the read model ({@code POST /v2/read-models/customers/rebuild}) of the store as the earlier phases (or
 * the seeding) left it: from the request until the new generation is live, polled every 100 ms. The baseline, in the
 * same run on the same server, is what a rebuild cannot do without: one raw scan of the {@code events} collection,
 * plus {@code insertMany} (batches of 1,000) of the very documents the read model holds into scratch collections.
 */
final class RebuildPhase {

    /** Every collection of the customer-projection processor. */
    static final List<String> COLLECTIONS = List.of("customers", "customer_emails", "customer_external_refs",
            "customer_tombstones", "customer_addresses", "carts", "customer_carts", "orders", "customer_orders",
            "order_emails");
    private static final int BASELINE_BATCH = 1_000;
    private static final Duration LONGEST_REBUILD = Duration.ofMinutes(30);

    record Result(long customers, long events, long readModelDocuments, double rebuildSeconds, double eventsPerSecond,
            double serverEventsPerSecond, double rawScanSeconds, double rawInsertManySeconds, double rawEventsPerSecond,
            double ratioToRaw, Map<String, Double> cpuMsPerThousandEvents) {
    }

    private final PatronApi api;
    private final PatronMongo mongo;
    private final PatronProcesses processes;
    private final Report report;

    RebuildPhase(PatronApi api, PatronMongo mongo, PatronProcesses processes, Report report) {
        this.api = api;
        this.mongo = mongo;
        this.processes = processes;
        this.report = report;
    }

    Result run() throws IOException, InterruptedException {
        long customers = mongo.customerCount();
        report.line(String.format("Rebuild: raw scan of the event log and insertMany of the read model, then a rebuild"
                + " of the read model of %,d customers...", customers));
        long scanStart = System.nanoTime();
        long events = mongo.scanEvents();
        double scanSeconds = (System.nanoTime() - scanStart) / 1e9;
        Map<String, List<Document>> readModel = new LinkedHashMap<>();
        long documents = 0;
        for (String collection : COLLECTIONS) {
            List<Document> all = mongo.readModel(collection).find().into(new ArrayList<>());
            readModel.put(collection, all);
            documents += all.size();
        }
        double insertSeconds = insertMany(readModel);
        readModel.clear();

        Map<String, ProcFs.Usage> before = processes.sample();
        long start = System.nanoTime();
        JsonNode started = api.startRebuild("customers");
        long target = started.at("/rebuild/target_generation").asLong();
        JsonNode model = started;
        while ("running".equals(model.at("/rebuild/status").asText())) {
            if (System.nanoTime() - start > LONGEST_REBUILD.toNanos()) {
                throw new BenchmarkFailure("the rebuild did not finish in " + LONGEST_REBUILD.toMinutes() + " min: "
                        + model);
            }
            Thread.sleep(100);
            model = api.readModel();
        }
        double rebuildSeconds = (System.nanoTime() - start) / 1e9;
        if (!"switched".equals(model.at("/rebuild/status").asText()) || model.get("generation").asLong() != target) {
            throw new BenchmarkFailure("the rebuild did not switch: " + model);
        }
        Map<String, Double> cpu = new LinkedHashMap<>();
        processes.cpuMillisBetween(before, processes.sample())
                .forEach((name, millis) -> cpu.put(name, millis * 1000.0 / events));

        double rawSeconds = scanSeconds + insertSeconds;
        double eventsPerSecond = events / rebuildSeconds;
        double rawPerSecond = events / rawSeconds;
        Result result = new Result(customers, events, documents, rebuildSeconds, eventsPerSecond,
                model.at("/rebuild/events_per_second").asDouble(), scanSeconds, insertSeconds, rawPerSecond,
                eventsPerSecond / rawPerSecond, cpu);
        print(result);
        return result;
    }

    private double insertMany(Map<String, List<Document>> readModel) {
        long start = System.nanoTime();
        try {
            readModel.forEach((collection, documents) -> {
                MongoCollection<Document> scratch = mongo.scratch(collection);
                for (int from = 0; from < documents.size(); from += BASELINE_BATCH) {
                    scratch.insertMany(documents.subList(from, Math.min(documents.size(), from + BASELINE_BATCH)));
                }
            });
            return (System.nanoTime() - start) / 1e9;
        } finally {
            mongo.dropScratch();
        }
    }

    private void print(Result result) {
        MarkdownTable speed = new MarkdownTable("customers", "events", "read-model documents", "rebuild s",
                "events/s", "events/s (Patron's figure)", "raw scan s", "raw insertMany s", "raw events/s",
                "rebuild / raw");
        speed.row(MarkdownTable.count(result.customers()), MarkdownTable.count(result.events()),
                MarkdownTable.count(result.readModelDocuments()), MarkdownTable.amount(result.rebuildSeconds()),
                MarkdownTable.rate(result.eventsPerSecond()), MarkdownTable.rate(result.serverEventsPerSecond()),
                MarkdownTable.amount(result.rawScanSeconds()), MarkdownTable.amount(result.rawInsertManySeconds()),
                MarkdownTable.rate(result.rawEventsPerSecond()), MarkdownTable.ratio(result.ratioToRaw()));
        MarkdownTable cost = new MarkdownTable("process", "CPU ms per 1,000 events");
        result.cpuMsPerThousandEvents().forEach((process, millis) -> cost.row(process, MarkdownTable.amount(millis)));
        report.heading("Rebuild");
        report.table("From POST /v2/read-models/customers/rebuild until the new generation is live (polled every"
                + " 100 ms); baseline: a raw scan of the events collection plus insertMany (batches of "
                + BASELINE_BATCH + ") of the read model's documents into scratch collections.", speed);
        report.table("Patron's CPU during the rebuild:", cost);
    }
}
