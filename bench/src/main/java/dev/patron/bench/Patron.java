package dev.patron.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Patron, run exactly as a person runs it: {@code <repo>/patron up} in the foreground, on free ports, with its
 * own client credentials and a fresh data directory, its output captured to a log file. Stopped with SIGTERM, as
 * Ctrl-C would, and then checked that nothing it started lives on. Or, for the crash test, in the services layout
 * process by process ({@link #service}), on the same ports, credentials and data.
 */
final class Patron implements AutoCloseable {

    static final String READY_LINE = "Patron is running at http://localhost:";
    static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    /** The script stops its processes one after the other, giving each up to 30 s. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(150);
    private static final Pattern IMPORT_COMMAND = Pattern.compile("patron import\\b");

    private final Path repo;
    private final Path script;
    private final Path log;
    private final Path dataDir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final int httpPort;
    private final List<Integer> commandPorts;
    private final int mongoPort;
    private final String clientId;
    private final String clientSecret;
    private Process up;
    private long spawnedNanos;
    private boolean stopped;

    Patron(Path repo, Path log) throws IOException {
        this(repo, log, 1);
    }

    /** @param instances how many command services and query services the services layout runs (one port each) */
    Patron(Path repo, Path log, int instances) throws IOException {
        this.repo = repo.toAbsolutePath().normalize();
        this.script = this.repo.resolve("patron");
        if (!Files.isExecutable(script)) {
            throw new BenchmarkFailure("no executable patron script in " + this.repo);
        }
        this.log = log.toAbsolutePath();
        this.dataDir = Files.createTempDirectory("patron-bench-data-");
        // The API, its management, MongoDB; then per instance a command service, a query service and a management
        // port for each. All free, so that a run never collides with a Patron started elsewhere on this machine.
        List<Integer> ports = freePorts(3 + 4 * instances);
        this.httpPort = ports.get(0);
        this.mongoPort = ports.get(2);
        this.commandPorts = ports.subList(3, 3 + instances);
        List<Integer> queryPorts = ports.subList(3 + instances, 3 + 2 * instances);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.clientId = "bench-" + HexFormat.of().formatHex(secret, 0, 4);
        this.clientSecret = HexFormat.of().formatHex(secret);
        environment.put("PATRON_HTTP_PORT", Integer.toString(httpPort));
        environment.put("PATRON_MANAGEMENT_PORT", Integer.toString(ports.get(1)));
        environment.put("PATRON_MONGO_PORT", Integer.toString(mongoPort));
        environment.put("PATRON_COMMAND_PORT", joined(commandPorts));
        environment.put("PATRON_QUERY_PORT", joined(queryPorts));
        environment.put("PATRON_COMMAND_MANAGEMENT_PORT", joined(ports.subList(3 + 2 * instances, 3 + 3 * instances)));
        environment.put("PATRON_QUERY_MANAGEMENT_PORT", joined(ports.subList(3 + 3 * instances, 3 + 4 * instances)));
        environment.put("PATRON_DATA_DIR", dataDir.toString());
        environment.put("PATRON_CLIENT_ID", clientId);
        environment.put("PATRON_CLIENT_SECRET", clientSecret);
        // The webhooks phase's receiver runs in the harness, on loopback, which Patron refuses as a target otherwise.
        environment.put("PATRON_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
    }

    Path log() {
        return log;
    }

    int httpPort() {
        return httpPort;
    }

    int mongoPort() {
        return mongoPort;
    }

    /** The port of each command-service instance, in the order of their instance numbers. */
    List<Integer> commandPorts() {
        return commandPorts;
    }

    String clientId() {
        return clientId;
    }

    String clientSecret() {
        return clientSecret;
    }

    /** Whether this checkout's script has {@code patron import}: its usage text lists the commands it has. */
    boolean hasImport() throws IOException, InterruptedException {
        Process help = new ProcessBuilder(script.toString(), "help").directory(repo.toFile())
                .redirectErrorStream(true).start();
        String usage = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        help.waitFor();
        return IMPORT_COMMAND.matcher(usage).find();
    }

    /** Spawns {@code patron up}; {@link #awaitReady} then waits until it is running. */
    ProcessHandle spawn() throws IOException {
        ProcessBuilder builder = patronCommand("up")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        spawnedNanos = System.nanoTime();
        up = builder.start();
        return up.toHandle();
    }

    /** Waits for the line saying Patron is running; returns the seconds from spawn to that line. */
    double awaitReady() throws IOException, InterruptedException {
        long deadline = spawnedNanos + START_TIMEOUT.toNanos();
        while (!logText().contains(READY_LINE)) {
            if (!up.isAlive()) {
                // The harness adds the end of the log to any failure after which patron up is gone.
                throw new BenchmarkFailure("patron up exited before it was ready");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new BenchmarkFailure("patron up was not ready after " + START_TIMEOUT.toSeconds()
                        + " s; the end of its output:\n" + logTail());
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - spawnedNanos) / 1e9;
    }

    /** Whether the start-up log shows that the script built Patron first (then start-up time includes a build). */
    boolean builtBeforeStarting() throws IOException {
        return logText().contains("patron: building");
    }

    private boolean isStopping() {
        try {
            return logText().contains("patron: stopping");
        } catch (IOException e) {
            return false;
        }
    }

    /** The log so far; decoded leniently, as the script may be in the middle of writing a character. */
    private String logText() throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code patron import <file>} with Patron's settings; its output goes to this terminal. Returns its wall
     * seconds, failing when it does not succeed.
     */
    double runImport(Path file) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder builder = patronCommand("import", file.toString()).inheritIO();
        int status = builder.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status != 0) {
            throw new BenchmarkFailure("patron import " + file + " exited with status " + status);
        }
        return seconds;
    }

    /**
     * One process of the services layout ({@code embedded-mongo}, {@code command-service}, {@code query-service} or
     * {@code gateway}; {@code instance} counts from 1), run by {@code patron service <module> <instance>} with this
     * Patron's settings, and named as the script names it ({@code command-service}, {@code command-service-2}, ...);
     * not started yet.
     */
    ServiceProcess service(String module, int instance, Path logs) {
        String name = instance == 1 ? module : module + "-" + instance;
        return new ServiceProcess(name, patronCommand("service", module, Integer.toString(instance)),
                logs.resolve(name + ".log"));
    }

    /** {@code <repo>/patron <arguments>}, run in the checkout with this Patron's settings. */
    private ProcessBuilder patronCommand(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
        builder.environment().putAll(environment);
        return builder;
    }

    /**
     * Why Patron may have gone from under the harness before the harness stopped it: its script has exited, or it
     * is stopping (then it was signalled from elsewhere). Empty while it runs.
     */
    Optional<String> gone() {
        if (up == null) {
            return Optional.empty();
        }
        if (!up.isAlive()) {
            return Optional.of("patron up had exited (status " + up.exitValue() + ")");
        }
        return isStopping() ? Optional.of("patron up was stopping, signalled from outside the harness")
                : Optional.empty();
    }

    String logTail() {
        try {
            List<String> lines = logText().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /**
     * SIGTERM to {@code patron up}, then waits for it; any process it started that is still alive then is killed.
     * Returns the command lines of those that had to be killed (none, when the script stops cleanly).
     */
    synchronized List<String> stop() throws InterruptedException {
        if (up == null || stopped) {
            return List.of();
        }
        stopped = true;
        // Taken before the signal: once the script has exited, its orphans are no longer its descendants.
        List<ProcessHandle> family = Stream.concat(Stream.of(up.toHandle()), up.descendants()).toList();
        // A script already stopping (signalled from elsewhere) has reset its traps: a second SIGTERM would end it
        // halfway through stopping its processes, so it is only waited for.
        if (!isStopping()) {
            up.destroy();
        }
        if (!up.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            up.destroyForcibly();
        }
        List<String> survivors = new ArrayList<>();
        for (ProcessHandle process : family) {
            if (process.isAlive()) {
                survivors.add(process.pid() + " " + process.info().commandLine().orElse("?"));
                process.destroyForcibly();
                process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
            }
        }
        return survivors;
    }

    /** Stops Patron if it still runs and deletes its data directory; safe to call more than once. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(dataDir);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    private static String joined(List<Integer> ports) {
        return String.join(",", ports.stream().map(String::valueOf).toList());
    }

    /** Distinct ports that are free now; the OS picks them, so two harnesses never race for the same fixed ones. */
    private static List<Integer> freePorts(int count) throws IOException {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports.add(socket.getLocalPort());
            }
        }
        return new ArrayList<>(ports);
    }
}
