package dev.patron.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Back-office creates ({@code POST /v2/customers}, no password, unique emails) at each store size and client count,
 * each right after two baselines at the same size and client count: the raw driver's {@code insertOne} of one
 * customer-sized document on the same MongoDB server (the storage floor), and an authenticated
 * {@code GET /v2/customers/<random id>} answered 404 (the HTTP floor). The machine is shared and noisy, so only
 * figures taken side by side in one run are compared.
 */
final class CreatesPhase {

    /**
     * Enough for the JIT to have compiled the create path (on two cores its compiler takes seconds of CPU after a
     * start, which would otherwise be counted against the first measured row).
     */
    static final int WARM_UP_CALLS = 1_000;
    static final int MIN_CALLS = 2_000;
    static final Duration MIN_TIME = Duration.ofSeconds(10);

    record Row(long customersAtStart, int clients, LoadResult rawInsertOne, LoadResult httpFloor,
            LoadResult creates, double ratioToInsertOne, double ratioToHttpFloor) {
    }

    private final Seeder seeder;
    private final PatronApi api;
    private final PatronMongo mongo;
    private final LoadRunner runner;
    private final CustomerData data;
    private final Report report;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong baselineDocuments = new AtomicLong();

    CreatesPhase(Seeder seeder, PatronApi api, PatronMongo mongo, LoadRunner runner, CustomerData data,
            Report report) {
        this.seeder = seeder;
        this.api = api;
        this.mongo = mongo;
        this.runner = runner;
        this.data = data;
        this.report = report;
    }

    List<Row> run(List<Long> sizes, List<Integer> clientCounts) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (long size : sizes) {
            seeder.growTo(size);
            long customersAtStart = mongo.customerCount();
            List<Row> sizeRows = new ArrayList<>();
            for (int clients : clientCounts) {
                report.line(String.format("Creates at %,d customers, %d client(s): baselines, then creates...",
                        customersAtStart, clients));
                sizeRows.add(measure(customersAtStart, clients));
            }
            print(customersAtStart, sizeRows);
            rows.addAll(sizeRows);
        }
        return rows;
    }

    private Row measure(long customersAtStart, int clients) {
        LoadRunner.Plan plan = new LoadRunner.Plan(clients, WARM_UP_CALLS, MIN_CALLS, MIN_TIME);
        LoadResult insertOne;
        try {
            insertOne = runner.measure(plan,
                    () -> mongo.insertScratch(data.baselineDocument(baselineDocuments.getAndIncrement())));
        } finally {
            mongo.dropScratch();
        }
        LoadResult httpFloor = runner.measure(plan, api::fetchMissingCustomer);
        LoadResult creates = runner.measure(plan, () -> {
            long n = created.getAndIncrement();
            api.createCustomer(CustomerData.name(n), data.email("create", n), null);
        });
        return new Row(customersAtStart, clients, insertOne, httpFloor, creates,
                creates.callsPerSecond() / insertOne.callsPerSecond(),
                creates.callsPerSecond() / httpFloor.callsPerSecond());
    }

    private void print(long customersAtStart, List<Row> rows) {
        MarkdownTable speed = new MarkdownTable("clients", "creates/s", "p50 ms", "p95 ms", "p99 ms", "errors",
                "raw insertOne/s", "creates / insertOne", "GET 404/s (HTTP floor)", "creates / GET 404");
        MarkdownTable cost = new MarkdownTable("clients", "process", "CPU ms per create", "peak RSS MiB");
        for (Row row : rows) {
            LoadResult creates = row.creates();
            speed.row(row.clients(), MarkdownTable.rate(creates.callsPerSecond()), MarkdownTable.amount(creates.p50Ms()),
                    MarkdownTable.amount(creates.p95Ms()), MarkdownTable.amount(creates.p99Ms()), creates.errors(),
                    MarkdownTable.rate(row.rawInsertOne().callsPerSecond()), MarkdownTable.ratio(row.ratioToInsertOne()),
                    MarkdownTable.rate(row.httpFloor().callsPerSecond()), MarkdownTable.ratio(row.ratioToHttpFloor()));
            creates.cpuMsPerCall().forEach((process, millis) -> cost.row(row.clients(), process,
                    MarkdownTable.amount(millis), MarkdownTable.amount(creates.peakRssMib().getOrDefault(process, 0.0))));
            cost.row(row.clients(), "all Patron processes", MarkdownTable.amount(creates.cpuMsPerCallTotal()),
                    MarkdownTable.amount(creates.peakRssMibTotal()));
            cost.row(row.clients(), "bench client (this harness)", MarkdownTable.amount(creates.clientCpuMsPerCall()),
                    "");
        }
        report.heading(String.format("Creates at %,d customers", customersAtStart));
        report.table(String.format("Each row: %d warm-up calls, then at least %,d calls and %d s, for the baselines"
                        + " and the creates alike.", WARM_UP_CALLS, MIN_CALLS, MIN_TIME.toSeconds()), speed);
        report.table("Where the creates' CPU went (CPU time of each process during the run / creates) and peak RSS"
                + " (sampled every 500 ms):", cost);
    }
}
