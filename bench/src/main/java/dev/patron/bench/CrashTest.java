package dev.patron.bench;

import dev.patron.bench.PatronApi.Answer;
import dev.patron.bench.PatronApi.Caller;
import dev.patron.bench.PatronMongo.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The crash test: starts Patron in the services layout process by process ({@code patron service}), on free ports and
 * throwaway data, sends a seeded random mix of commands through the API host from several clients while it kills
 * the command service, the query service and the embedded MongoDB server with SIGKILL at seeded random moments and
 * starts each again; once every process is back and the projection has caught up, checks the event log against what
 * the clients were told and the read models against the log ({@link CrashCheck}) and prints the figures.
 *
 * <pre>
 * ./patron crash-test [--commands 10000] [--seed S] [--kills 5] [--clients 4] [--instances 1] [--logs DIR]
 * </pre>
 *
 * {@code --kills} is per process. {@code --instances 2} runs two command services and two query services behind the
 * gateway (one MongoDB server), kills each instance on its own, and at the end updates the same customers through
 * both command services at once ({@link ConcurrentUpdates}). The seed is printed; the same seed sends the same commands per client and kills at
 * the same points (the interleaving of clients and kills still varies). The processes' output goes to
 * {@code .patron/logs/crash-test/<process>.log}. Exit status 0 when nothing was lost, duplicated or made up, 1
 * otherwise or when the test could not run, 2 for a wrong command line.
 */
public final class CrashTest {

    private static final String DATABASE = "embedded-mongo";
    /** The modules of which the services layout runs one instance or more. */
    private static final List<String> SCALED = List.of("command-service", "query-service");
    private static final String GATEWAY = "gateway";
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);
    private static final long POLL_MILLIS = 200;

    private final CrashOptions options;
    private final Report report;

    private CrashTest(CrashOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    public static void main(String[] args) {
        // Idle connections to the gateway are closed soon, as they are in any other client: a gateway that is told to
        // stop waits for its open connections, up to 30 s, and the test stops it right after its last call.
        System.setProperty("jdk.httpclient.keepalive.timeout", "2");
        CrashOptions options;
        try {
            options = CrashOptions.parse(args, new SecureRandom()::nextLong);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: ./patron crash-test [--commands N] [--seed S] [--kills K] [--clients C]"
                    + " [--logs DIR]");
            System.exit(2);
            return;
        }
        System.exit(new CrashTest(options, new Report(System.out)).run());
    }

    private int run() {
        report.heading("Crash test");
        Map<String, ServiceProcess> processes = new LinkedHashMap<>();
        Patron patron = null;
        try {
            Files.createDirectories(options.logs());
            patron = new Patron(options.repo(), options.logs().resolve("patron-up.log"), options.instances());
            add(processes, patron.service(DATABASE, 1, options.logs()));
            for (String module : SCALED) {
                for (int instance = 1; instance <= options.instances(); instance++) {
                    add(processes, patron.service(module, instance, options.logs()));
                }
            }
            add(processes, patron.service(GATEWAY, 1, options.logs()));
            report.line(String.format(Locale.ROOT, "%,d commands from %d clients; %d kills (SIGKILL) each of %s; seed"
                            + " %d (to replay: ./patron crash-test --commands %d --kills %d --clients %d --instances %d"
                            + " --seed %d)", options.commands(), options.clients(), options.killsEach(),
                    String.join(", ", killed(processes)), options.seed(), options.commands(), options.killsEach(),
                    options.clients(), options.instances(), options.seed()));
            report.line("Starting Patron in the services layout (output in " + options.logs() + ")...");
            start(processes);
            PatronApi api = new PatronApi(patron.httpPort(), patron.clientId(), patron.clientSecret());
            try (PatronMongo mongo = new PatronMongo(patron.mongoPort())) {
                return crash(patron, processes, api, mongo) ? 0 : 1;
            }
        } catch (BenchmarkFailure | IOException | ExecutionException e) {
            report.line("");
            report.line("FAILED: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.line("FAILED: interrupted");
            return 1;
        } finally {
            stop(processes);
            if (patron != null) {
                patron.close();
            }
        }
    }

    private boolean crash(Patron patron, Map<String, ServiceProcess> processes, PatronApi api, PatronMongo mongo)
            throws IOException, InterruptedException, ExecutionException {
        KillPlan plan = KillPlan.of(options.seed(), options.commands(), options.killsEach(), killed(processes));
        KillGate gate = CrashKiller.gateFor(plan);
        CrashLoad load = new CrashLoad(api, options.commands(), options.clients(), options.seed(), gate);
        ExecutorService killerThread = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        List<CrashCommand> sent;
        List<CrashKiller.Done> kills;
        try {
            Future<List<CrashKiller.Done>> killing = killerThread.submit(
                    () -> new CrashKiller(plan, processes, load::issued, gate).run());
            sent = load.run();
            kills = killing.get();
        } finally {
            killerThread.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.heading("Kills");
        MarkdownTable killTable = new MarkdownTable("#", "process", "planned at command", "killed at command",
                "pid", "seconds until ready again");
        for (int i = 0; i < kills.size(); i++) {
            CrashKiller.Done kill = kills.get(i);
            killTable.row(i + 1, kill.process(), kill.plannedAt(), kill.atCommand(), kill.pid(),
                    MarkdownTable.amount(kill.secondsToReady()));
        }
        report.table(String.format(Locale.ROOT, "The load took %s s (%s commands/s, kills and restarts included).",
                MarkdownTable.amount(seconds), MarkdownTable.rate(sent.size() / seconds)), killTable);

        for (ServiceProcess process : processes.values()) {
            if (!process.isRunning()) {
                throw new BenchmarkFailure(process.name() + " is not running after the load; its output is in "
                        + process.log());
            }
        }
        if (options.instances() > 1) {
            List<Integer> ports = patron.commandPorts();
            List<CrashCommand> all = new ArrayList<>(sent);
            all.addAll(new ConcurrentUpdates(new PatronApi(ports.get(0), patron.clientId(), patron.clientSecret()),
                    new PatronApi(ports.get(1), patron.clientId(), patron.clientSecret()))
                    .run(sent, options.commands() + 1, report));
            sent = all;
        }
        double catchUp = awaitCaughtUp(api, mongo);
        List<StoredEvent> events = mongo.storedEvents();
        report.line(String.format(Locale.ROOT, "The projection caught up %s s after the load; %d events parked in the"
                + " dead-letter queue.", MarkdownTable.amount(catchUp), mongo.deadLetters()));
        CrashCheck check = new CrashCheck(sent, events, api, report);
        boolean passed = check.run();
        int eventsAfter = mongo.storedEvents().size();
        if (eventsAfter != events.size()) {
            throw new BenchmarkFailure("the log grew from " + events.size() + " to " + eventsAfter
                    + " events while it was checked: a write was still under way, so the figures are not final");
        }
        passed &= check.retryUnknownSignUps();
        report.line("");
        report.line(passed ? "PASSED: nothing lost, duplicated, made up or left behind."
                : "FAILED: see the figures above.");
        return passed;
    }

    private static void add(Map<String, ServiceProcess> processes, ServiceProcess process) throws IOException {
        Files.deleteIfExists(process.log());
        processes.put(process.name(), process);
    }

    /**
     * The processes killed: every one that holds state or writes it, each instance on its own, the database last (the
     * order the kill plan draws from); not the gateway, which holds nothing.
     */
    private static List<String> killed(Map<String, ServiceProcess> processes) {
        List<String> killed = new ArrayList<>(processes.keySet());
        killed.removeAll(List.of(DATABASE, GATEWAY));
        killed.add(DATABASE);
        return killed;
    }

    private void start(Map<String, ServiceProcess> processes) throws IOException, InterruptedException {
        // The database first, as patron up starts it; then the rest together.
        ServiceProcess database = processes.get(DATABASE);
        database.start();
        database.awaitReady();
        List<ServiceProcess> rest = new ArrayList<>(processes.values());
        rest.remove(database);
        for (ServiceProcess process : rest) {
            process.start();
        }
        for (ServiceProcess process : rest) {
            report.line(String.format(Locale.ROOT, "  %s ready after %s s", process.name(),
                    MarkdownTable.amount(process.awaitReady())));
        }
    }

    /**
     * Waits until the projection has processed every event written; returns the seconds it took. {@code GET
     * /v2/read-models} gives the lag behind the reserved head, which stays above 0 while the last index reserved was
     * never written (its writer lost a race, or was killed) until something is written after it; so the position the
     * lag gives is compared with the last index written instead.
     */
    private double awaitCaughtUp(PatronApi api, PatronMongo mongo) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String last = "no answer";
        while (System.nanoTime() - start < CATCH_UP_TIMEOUT.toNanos()) {
            long head = mongo.reservedHead();
            long written = mongo.lastWrittenIndex();
            Answer answer = api.call("GET", "/v2/read-models", null, Caller.BACK_OFFICE);
            if (answer.status() == 200 && answer.body() != null && answer.body().at("/data/0/lag").isNumber()) {
                long lag = answer.body().at("/data/0/lag").asLong();
                if (head - lag >= written) {
                    return (System.nanoTime() - start) / 1e9;
                }
                last = "lag " + lag + ", head " + head + ", last written " + written;
            } else {
                last = "status " + answer.status();
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new BenchmarkFailure("the projection had not caught up " + CATCH_UP_TIMEOUT.toMinutes()
                + " minutes after the load (" + last + ")");
    }

    /** Stops the processes in the reverse order of their start: the database last. */
    private void stop(Map<String, ServiceProcess> processes) {
        List<ServiceProcess> reversed = new ArrayList<>(processes.values());
        Collections.reverse(reversed);
        for (ServiceProcess process : reversed) {
            try {
                process.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
