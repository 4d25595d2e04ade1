package dev.patron.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * {@code patron import} of a JSON Lines file of N customers: the command's wall time, then how long until the read
 * model shows them all. The baseline, in the same run, is the raw driver's {@code insertMany} of N customer-sized
 * documents in batches of 1,000 on the same server. The import command's own CPU is not counted as Patron's: it is
 * a client, like this harness.
 */
final class ImportPhase {

    static final int BASELINE_BATCH = 1_000;

    record Result(long customers, double importSeconds, double importedPerSecond, long leftAtImportEnd,
            double catchUpSeconds, double caughtUpPerSecond, double totalSeconds, double totalPerSecond, double rawInsertManySeconds,
            double rawInsertManyPerSecond, double ratioToInsertMany, Map<String, Double> cpuMsPerCustomer,
            Map<String, Double> peakRssMib, double peakRssMibTotal) {
    }

    private final Seeder seeder;
    private final PatronMongo mongo;
    private final PatronProcesses processes;
    private final ResourceSampler sampler;
    private final CustomerData data;
    private final Report report;

    ImportPhase(Seeder seeder, PatronMongo mongo, PatronProcesses processes, ResourceSampler sampler,
            CustomerData data, Report report) {
        this.seeder = seeder;
        this.mongo = mongo;
        this.processes = processes;
        this.sampler = sampler;
        this.data = data;
        this.report = report;
    }

    Result run(long customers) throws IOException, InterruptedException {
        report.line(String.format("Import: raw insertMany of %,d documents, then patron import of %,d customers...",
                customers, customers));
        double insertManySeconds = insertManyBaseline(customers);

        Map<String, ProcFs.Usage> before = processes.sample();
        ResourceSampler.PeakRss peak = sampler.openWindow();
        Seeder.ImportTiming timing;
        try {
            timing = seeder.importCustomers("import", 0, customers);
        } finally {
            sampler.closeWindow(peak);
        }
        Map<String, Double> cpuMsPerCustomer = new LinkedHashMap<>();
        processes.cpuMillisBetween(before, processes.sample())
                .forEach((name, millis) -> cpuMsPerCustomer.put(name, millis / customers));

        double totalSeconds = timing.importSeconds() + timing.catchUpSeconds();
        double totalPerSecond = customers / totalSeconds;
        double insertManyPerSecond = customers / insertManySeconds;
        long left = customers - timing.visibleAtImportEnd();
        Result result = new Result(customers, timing.importSeconds(), customers / timing.importSeconds(), left,
                timing.catchUpSeconds(), left / timing.catchUpSeconds(),
                totalSeconds, totalPerSecond, insertManySeconds, insertManyPerSecond,
                totalPerSecond / insertManyPerSecond, cpuMsPerCustomer, peak.perProcessMib(), peak.totalMib());
        print(result);
        return result;
    }

    private double insertManyBaseline(long customers) {
        long start = System.nanoTime();
        try {
            List<Document> batch = new ArrayList<>(BASELINE_BATCH);
            for (long n = 0; n < customers; n++) {
                batch.add(data.baselineDocument(n));
                if (batch.size() == BASELINE_BATCH || n == customers - 1) {
                    mongo.insertScratch(batch);
                    batch.clear();
                }
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            mongo.dropScratch();
        }
    }

    private void print(Result result) {
        MarkdownTable speed = new MarkdownTable("customers", "import s", "imported/s", "not yet visible at its end",
                "catch-up s", "caught up/s", "import + catch-up s", "customers/s overall", "raw insertMany/s",
                "overall / insertMany");
        speed.row(MarkdownTable.count(result.customers()), MarkdownTable.amount(result.importSeconds()),
                MarkdownTable.rate(result.importedPerSecond()), MarkdownTable.count(result.leftAtImportEnd()),
                MarkdownTable.amount(result.catchUpSeconds()),
                // With nothing left to catch up, a rate would only divide zero by the length of one poll.
                result.leftAtImportEnd() == 0 ? "-" : MarkdownTable.rate(result.caughtUpPerSecond()),
                MarkdownTable.amount(result.totalSeconds()),
                MarkdownTable.rate(result.totalPerSecond()), MarkdownTable.rate(result.rawInsertManyPerSecond()),
                MarkdownTable.ratio(result.ratioToInsertMany()));
        MarkdownTable cost = new MarkdownTable("process", "CPU ms per customer", "peak RSS MiB");
        result.cpuMsPerCustomer().forEach((process, millis) -> cost.row(process, MarkdownTable.amount(millis),
                MarkdownTable.amount(result.peakRssMib().getOrDefault(process, 0.0))));
        cost.row("all Patron processes", MarkdownTable.amount(IdlePhase.sum(result.cpuMsPerCustomer())),
                MarkdownTable.amount(result.peakRssMibTotal()));
        report.heading("Import");
        report.table("Import command's wall time, then the read model's catch-up (customer count polled every"
                + " 200 ms); baseline: raw insertMany in batches of " + BASELINE_BATCH + ".", speed);
        report.table("Patron's CPU during import and catch-up, per customer, and peak RSS (the import command's"
                + " own process is not counted):", cost);
    }
}
