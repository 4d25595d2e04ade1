package dev.patron.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts a Patron with its own {@code ./patron up} and measures its write path from outside, each figure next to a
 * baseline taken in the same run on the same machine.
 *
 * <pre>
 * java -jar bench-0.1.0-SNAPSHOT-exec.jar --repo &lt;path to a Patron checkout whose ./patron to run&gt;
 *     [--phases startup,idle,creates,import,signins,orders,feed,webhooks,rebuild,customfields] [--sizes 10000,100000]
 *     [--clients 1,4,8] [--seed import|api] [--out results.json] [--order-sizes 10000,100000]
 * </pre>
 *
 * <ul>
 *   <li>{@code --repo}: the checkout whose {@code patron} script is run. Build it first ({@code mvn -DskipTests
 *       package}): when its jars are older than its sources, {@code patron up} builds it itself, and start-up then
 *       includes a build (the start-up table says so).</li>
 *   <li>{@code --phases}: which measurements to make, in this order whatever the order given (default: all).
 *       Patron is always started and its start-up always reported, since every other phase needs it.
 *       {@code import} is skipped when the checkout's script has no {@code patron import}.</li>
 *   <li>{@code --sizes}: store sizes (customers) at which creates are measured, reached in ascending order; the
 *       largest is also the number of customers the import phase imports, the store the feed phase walks and
 *       the rebuild phase rebuilds (default 10000,100000). The customfields phase measures its filters when
 *       this many customers carry custom field values.</li>
 *   <li>{@code --clients}: client thread counts of the create measurements (default 1,4,8).</li>
 *   <li>{@code --seed}: how the store is grown to each size: {@code import} ({@code patron import}) or {@code api}
 *       (POST /v2/customers from 8 clients). Default: import when the script has it, else api.</li>
 *   <li>{@code --order-sizes}: order counts at which checkouts and order-history reads are measured (phase
 *       {@code orders}; default 10000,100000), reached with guest checkouts.</li>
 *   <li>Phase {@code webhooks}: deliveries per second from Patron to a receiver the harness runs, against the
 *       harness sending the same signed bodies itself ({@link WebhooksPhase}).</li>
 *   <li>Phase {@code customfields}: an {@code eq} and a range filter on custom customer fields through the API,
 *       against the raw driver sending the same query to the read model ({@link CustomFieldsPhase}).</li>
 *   <li>{@code --out}: the JSON file of all results (default results.json); Patron's output goes to a log file next
 *       to it, named after it with {@code -patron-up.log}.</li>
 * </ul>
 *
 * Tables go to stdout in Markdown as each phase ends. Exit status 0 when every phase ran, 1 when one failed (the
 * results so far are still written), 2 for a wrong command line.
 */
public final class WritePathBenchmark {

    private final Options options;
    private final Report report;
    private final long clockTicksPerSecond = ProcFs.clockTicksPerSecond();
    /** What was measured, where and when: the "run" section of the JSON file. */
    private final Map<String, Object> runInfo = new LinkedHashMap<>();

    private WritePathBenchmark(Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar bench-exec.jar --repo <patron checkout> [--phases "
                    + String.join(",", Options.PHASES) + "] [--sizes 10000,100000] [--clients 1,4,8]"
                    + " [--seed import|api] [--out results.json] [--order-sizes 10000,100000]");
            System.exit(2);
            return;
        }
        System.exit(new WritePathBenchmark(options, new Report(System.out)).run());
    }

    private int run() {
        runInfo.put("started_at", Instant.now().toString());
        runInfo.put("repo", options.repo().toAbsolutePath().normalize().toString());
        runInfo.put("commit", commitOf(options.repo()));
        runInfo.put("cores", Runtime.getRuntime().availableProcessors());
        runInfo.put("clock_ticks_per_second", clockTicksPerSecond);
        runInfo.put("load_average_start", ProcFs.loadAverage());
        report.put("run", runInfo);
        report.heading("Patron write-path benchmark");
        report.line(String.format("Repo %s at %s; %d cores; load average at start: %s", runInfo.get("repo"),
                runInfo.get("commit"), Runtime.getRuntime().availableProcessors(), runInfo.get("load_average_start")));

        String outName = options.out().getFileName().toString().replaceFirst("\\.json$", "");
        Path log = options.out().toAbsolutePath().resolveSibling(outName + "-patron-up.log");
        int status = 0;
        Patron patron = null;
        ResourceSampler sampler = null;
        try {
            patron = new Patron(options.repo(), log);
            Runtime.getRuntime().addShutdownHook(new Thread(patron::close, "stop-patron"));
            boolean hasImport = patron.hasImport();
            Seeder.Mode seed = seedMode(hasImport);
            runInfo.put("seed", seed.name().toLowerCase(Locale.ROOT));
            report.line("Starting Patron (output in " + patron.log() + ")...");
            PatronProcesses processes = new PatronProcesses(patron.spawn(), clockTicksPerSecond);
            sampler = new ResourceSampler(processes);
            sampler.start();
            startup(patron, processes);
            measure(patron, processes, sampler, seed, hasImport);
        } catch (BenchmarkFailure | IOException e) {
            status = 1;
            failed(patron, e.getMessage());
        } catch (RuntimeException e) {
            // Not one of the failures the harness expects: the stack trace is what will help.
            status = 1;
            e.printStackTrace();
            failed(patron, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 1;
            failed(patron, "interrupted");
        } finally {
            status = Math.max(status, finish(patron, sampler, log));
        }
        return status;
    }

    /** Reports a failure; when Patron itself had gone, that is the likelier cause, so it is said too. */
    private void failed(Patron patron, String message) {
        String failure = message;
        if (patron != null && patron.gone().isPresent()) {
            failure += "\n" + patron.gone().get() + "; the end of its output:\n" + patron.logTail();
        }
        report.line("");
        report.line("FAILED: " + failure);
        report.put("failure", failure);
    }

    private Seeder.Mode seedMode(boolean hasImport) {
        if (options.seed().orElse(null) == Seeder.Mode.IMPORT && !hasImport) {
            throw new BenchmarkFailure("--seed import needs a patron script with an import command; "
                    + options.repo() + "/patron has none (use --seed api)");
        }
        Seeder.Mode seed = options.seed().orElse(hasImport ? Seeder.Mode.IMPORT : Seeder.Mode.API);
        report.line("Seeding through " + (seed == Seeder.Mode.IMPORT ? "patron import" : "POST /v2/customers")
                + "; patron import " + (hasImport ? "is" : "is not") + " available.");
        return seed;
    }

    private void startup(Patron patron, PatronProcesses processes) throws IOException, InterruptedException {
        double seconds = patron.awaitReady();
        Map<String, ProcFs.Usage> ready = processes.sample();
        double rssMib = ready.values().stream().mapToLong(ProcFs.Usage::rssKib).sum() / 1024.0;
        boolean built = patron.builtBeforeStarting();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", seconds);
        result.put("processes", List.copyOf(ready.keySet()));
        result.put("rss_mib_when_ready", rssMib);
        result.put("included_a_build", built);
        report.put("startup", result);
        report.heading("Start-up");
        report.table("From spawning `patron up` to its line \"Patron is running\"" + (built
                ? "; NOTE: the script built Patron first, so this includes a Maven build." : "."),
                new MarkdownTable("seconds to ready", "java processes", "RSS MiB when ready (total)")
                        .row(MarkdownTable.amount(seconds), String.join(", ", ready.keySet()),
                                MarkdownTable.amount(rssMib)));
    }

    private void measure(Patron patron, PatronProcesses processes, ResourceSampler sampler, Seeder.Mode seed,
            boolean hasImport) throws IOException, InterruptedException {
        if (options.runs("idle")) {
            report.put("idle", new IdlePhase(processes, report).run());
        }
        PatronApi api = new PatronApi(patron.httpPort(), patron.clientId(), patron.clientSecret());
        CustomerData data = new CustomerData(patron.clientId());
        LoadRunner runner = new LoadRunner(processes, sampler);
        try (PatronMongo mongo = new PatronMongo(patron.mongoPort())) {
            Seeder seeder = new Seeder(seed, patron, api, mongo, runner, data, report);
            if (options.runs("creates")) {
                report.put("creates", new CreatesPhase(seeder, api, mongo, runner, data, report)
                        .run(options.sizes(), options.clients()));
            }
            if (options.runs("import")) {
                if (hasImport) {
                    report.put("import", new ImportPhase(seeder, mongo, processes, sampler, data, report)
                            .run(options.largestSize()));
                } else {
                    report.heading("Import");
                    report.line("Skipped: " + options.repo() + "/patron has no import command.");
                    report.put("import", Map.of("skipped", "the patron script has no import command"));
                }
            }
            if (options.runs("signins")) {
                report.put("signins", new SignInsPhase(api, runner, data, report).run());
            }
            if (options.runs("orders")) {
                report.put("orders", new OrdersPhase(api, mongo, runner, report).run(options.orderSizes()));
            }
            if (options.runs("feed")) {
                report.put("feed", new FeedPhase(seeder, api, mongo, runner, report).run(options.largestSize()));
            }
            if (options.runs("webhooks")) {
                report.put("webhooks", new WebhooksPhase(api, runner, report).run());
            }
            if (options.runs("rebuild")) {
                seeder.growTo(options.largestSize());
                report.put("rebuild", new RebuildPhase(api, mongo, processes, report).run());
            }
            if (options.runs("customfields")) {
                report.put("customfields", new CustomFieldsPhase(seeder, api, mongo, processes, runner, report)
                        .run(options.sizes()));
            }
        }
    }

    /** Stops Patron, reports the whole run's peak RSS and the load average, writes the JSON; returns a status. */
    private int finish(Patron patron, ResourceSampler sampler, Path log) {
        int status = 0;
        try {
            if (patron != null) {
                report.line("Stopping Patron...");
                List<String> survivors = patron.stop();
                if (!survivors.isEmpty()) {
                    status = 1;
                    report.line("These processes outlived patron up and had to be killed: " + survivors);
                }
                report.put("killed_after_stop", survivors);
            }
            if (sampler != null) {
                sampler.close();
                ResourceSampler.PeakRss peak = sampler.wholeRun();
                MarkdownTable table = new MarkdownTable("process", "peak RSS MiB");
                peak.perProcessMib().forEach((name, mib) -> table.row(name, MarkdownTable.amount(mib)));
                table.row("total (highest sum at one instant)", MarkdownTable.amount(peak.totalMib()));
                report.put("peak_rss_whole_run", Map.of("per_process_mib", peak.perProcessMib(),
                        "total_mib", peak.totalMib()));
                report.heading("Whole run");
                report.table("Peak RSS from spawn to stop, sampled every 500 ms:", table);
            }
            String loadAverage = ProcFs.loadAverage();
            runInfo.put("load_average_end", loadAverage);
            report.line("Load average at end: " + loadAverage);
            report.write(options.out());
            report.line("Results written to " + options.out().toAbsolutePath() + "; Patron's output is in " + log);
        } catch (IOException e) {
            status = 1;
            report.line("cannot write " + options.out() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 1;
        } finally {
            if (patron != null) {
                patron.close();
            }
        }
        return status;
    }

    /** The commit the checkout is at, so that a results file says what it measured. */
    private static String commitOf(Path repo) {
        try {
            Process git = new ProcessBuilder("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? output : "unknown (" + output + ")";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
