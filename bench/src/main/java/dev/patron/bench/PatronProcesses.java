package dev.patron.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The java processes of one running Patron, whatever its layout (today four JVMs, soon one): every java process that
 * descends from the spawned {@code patron up}, and that process itself should the script ever {@code exec java}.
 * They are looked up afresh at every sample, so a process that starts or stops later is seen.
 */
final class PatronProcesses {

    private static final Duration QUIET_WINDOW = Duration.ofSeconds(1);

    private final ProcessHandle root;
    private final long clockTicksPerSecond;

    PatronProcesses(ProcessHandle root, long clockTicksPerSecond) {
        this.root = root;
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** CPU time and RSS of each Patron process now, by name, in the order they were started. */
    Map<String, ProcFs.Usage> sample() {
        Map<String, ProcFs.Usage> byName = new LinkedHashMap<>();
        Stream.concat(Stream.of(root), root.descendants())
                .sorted(Comparator.comparingLong(ProcessHandle::pid))
                .forEach(process -> {
                    Optional<String> name = ProcFs.javaProcessName(process.pid());
                    Optional<ProcFs.Usage> usage = ProcFs.usage(process.pid());
                    if (name.isPresent() && usage.isPresent()) {
                        // Two JVMs of the same jar stay apart.
                        String key = byName.containsKey(name.get()) ? name.get() + "#" + process.pid() : name.get();
                        byName.put(key, usage.get());
                    }
                });
        return byName;
    }

    /** CPU milliseconds each process used between two samples. */
    Map<String, Double> cpuMillisBetween(Map<String, ProcFs.Usage> before, Map<String, ProcFs.Usage> after) {
        Map<String, Double> millis = new LinkedHashMap<>();
        after.forEach((name, usage) -> {
            long startTicks = before.containsKey(name) ? before.get(name).cpuTicks() : 0;
            millis.put(name, ticksToMillis(usage.cpuTicks() - startTicks));
        });
        return millis;
    }

    /**
     * Waits until these processes together use less than {@code coreShare} of one core over a second, checking every
     * second for at most {@code longest}; returns whether they did.
     */
    boolean awaitQuiet(double coreShare, Duration longest) throws InterruptedException {
        long deadline = System.nanoTime() + longest.toNanos();
        Map<String, ProcFs.Usage> before = sample();
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(QUIET_WINDOW.toMillis());
            Map<String, ProcFs.Usage> after = sample();
            double millis = cpuMillisBetween(before, after).values().stream().mapToDouble(Double::doubleValue).sum();
            if (millis < coreShare * QUIET_WINDOW.toMillis()) {
                return true;
            }
            before = after;
        }
        return false;
    }

    double ticksToMillis(long ticks) {
        return ticks * 1000.0 / clockTicksPerSecond;
    }
}
