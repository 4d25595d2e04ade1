package dev.patron.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Grows the store to a number of customers before a measurement: with {@code patron import} (fast, when the
 * checkout has it), or with {@code POST /v2/customers} from 8 clients (slow: the write path under test). A phase that
 * needs customers of its own (with custom field values) adds them the same way ({@link #add}).
 */
final class Seeder {

    enum Mode { IMPORT, API }

    static final int API_CLIENTS = 8;
    static final long PROGRESS_SECONDS = 5;
    /** How long the read model may stand still before a wait for it is given up as stuck. */
    static final Duration READ_MODEL_STALL = Duration.ofSeconds(120);
    /** For customers that carry no custom field values. */
    static final LongFunction<Map<String, Object>> NO_CUSTOM_VALUES = n -> Map.of();

    /** One {@code patron import}: its wall time, how many customers were visible when it ended, the catch-up. */
    record ImportTiming(long customers, double importSeconds, long visibleAtImportEnd, double catchUpSeconds) {
    }

    private final Mode mode;
    private final Patron patron;
    private final PatronApi api;
    private final PatronMongo mongo;
    private final LoadRunner runner;
    private final CustomerData data;
    private final Report report;
    /** Numbers the seeded customers across calls, so that their emails stay unique. */
    private long seeded;

    Seeder(Mode mode, Patron patron, PatronApi api, PatronMongo mongo, LoadRunner runner, CustomerData data,
            Report report) {
        this.mode = mode;
        this.patron = patron;
        this.api = api;
        this.mongo = mongo;
        this.runner = runner;
        this.data = data;
        this.report = report;
    }

    void growTo(long customers) throws IOException, InterruptedException {
        long missing = customers - mongo.customerCount();
        if (missing <= 0) {
            return;
        }
        report.line(String.format("Seeding %,d customers through %s to reach %,d...", missing, route(), customers));
        long start = System.nanoTime();
        add("seed", seeded, missing, NO_CUSTOM_VALUES);
        seeded += missing;
        report.line(String.format("Seeded %,d customers in %.0f s.", missing, (System.nanoTime() - start) / 1e9));
    }

    /** How this seeder adds customers, for a progress line. */
    String route() {
        return mode == Mode.IMPORT ? "patron import" : "POST /v2/customers";
    }

    /**
     * Adds customers number {@code first} to {@code first + count - 1} made for {@code purpose}, each with the custom
     * field values {@code customValues} gives its number, through this seeder's route; returns once the read model
     * shows them all.
     */
    void add(String purpose, long first, long count, LongFunction<Map<String, Object>> customValues)
            throws IOException, InterruptedException {
        if (mode == Mode.IMPORT) {
            importCustomers(purpose, first, count, customValues);
        } else {
            createThroughApi(purpose, first, count, customValues);
        }
    }

    /**
     * Writes customers number {@code first} onwards to a JSON Lines file, runs {@code patron import} on it, then
     * waits until the read model shows them all.
     */
    ImportTiming importCustomers(String purpose, long first, long count) throws IOException, InterruptedException {
        return importCustomers(purpose, first, count, NO_CUSTOM_VALUES);
    }

    private ImportTiming importCustomers(String purpose, long first, long count,
            LongFunction<Map<String, Object>> customValues) throws IOException, InterruptedException {
        long before = mongo.customerCount();
        Path file = Files.createTempFile("patron-bench-import-", ".jsonl");
        try {
            try (BufferedWriter writer = Files.newBufferedWriter(file)) {
                for (long n = first; n < first + count; n++) {
                    writer.write(data.importLine(purpose, n, customValues.apply(n)));
                    writer.newLine();
                }
            }
            double importSeconds = patron.runImport(file);
            long visibleAtImportEnd = mongo.customerCount() - before;
            double catchUpSeconds = mongo.waitForCustomers(before + count, READ_MODEL_STALL);
            return new ImportTiming(count, importSeconds, visibleAtImportEnd, catchUpSeconds);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void createThroughApi(String purpose, long first, long count,
            LongFunction<Map<String, Object>> customValues) {
        long before = mongo.customerCount();
        AtomicLong next = new AtomicLong(first);
        AtomicLong created = new AtomicLong();
        long start = System.nanoTime();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        progress.scheduleAtFixedRate(() -> report.line(String.format("  seeded %,d of %,d (%.0f/s)", created.get(),
                count, created.get() / ((System.nanoTime() - start) / 1e9))),
                PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
        try {
            runner.run(API_CLIENTS, Math.toIntExact(count), Duration.ZERO, () -> {
                long n = next.getAndIncrement();
                api.createCustomer(CustomerData.name(n), data.email(purpose, n), null, customValues.apply(n));
                created.incrementAndGet();
            });
        } finally {
            progress.shutdownNow();
        }
        // A create answers 201 once the read model has it, so this wait is short; it makes sure of the count.
        mongo.waitForCustomers(before + created.get(), READ_MODEL_STALL);
    }
}
