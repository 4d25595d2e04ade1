package dev.patron.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Patron costs while nobody calls it: after 10 s to settle from start-up, the CPU of each process over 30 s as
 * a percentage of one core, and its RSS at the end of that window.
 */
final class IdlePhase {

    static final long SETTLE_MILLIS = 10_000;
    static final long WINDOW_MILLIS = 30_000;

    record Result(double seconds, Map<String, Double> cpuPercentOfOneCore, double cpuPercentTotal,
            Map<String, Double> rssMib, double rssMibTotal) {
    }

    private final PatronProcesses processes;
    private final Report report;

    IdlePhase(PatronProcesses processes, Report report) {
        this.processes = processes;
        this.report = report;
    }

    Result run() throws InterruptedException {
        report.line("Idle: settling for " + SETTLE_MILLIS / 1000 + " s, then measuring for " + WINDOW_MILLIS / 1000
                + " s...");
        Thread.sleep(SETTLE_MILLIS);
        Map<String, ProcFs.Usage> before = processes.sample();
        long start = System.nanoTime();
        Thread.sleep(WINDOW_MILLIS);
        Map<String, ProcFs.Usage> after = processes.sample();
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Double> cpuPercent = new LinkedHashMap<>();
        processes.cpuMillisBetween(before, after).forEach((name, millis) ->
                cpuPercent.put(name, millis / 1000.0 / seconds * 100));
        Map<String, Double> rssMib = new LinkedHashMap<>();
        after.forEach((name, usage) -> rssMib.put(name, usage.rssKib() / 1024.0));
        Result result = new Result(seconds, cpuPercent, sum(cpuPercent), rssMib, sum(rssMib));

        MarkdownTable table = new MarkdownTable("process", "CPU % of one core", "RSS MiB");
        cpuPercent.forEach((name, percent) ->
                table.row(name, MarkdownTable.amount(percent), MarkdownTable.amount(rssMib.get(name))));
        table.row("total", MarkdownTable.amount(result.cpuPercentTotal()), MarkdownTable.amount(result.rssMibTotal()));
        report.heading("Idle");
        report.table(String.format("CPU over %.0f s with no calls, after %d s to settle; RSS at the end.", seconds,
                SETTLE_MILLIS / 1000), table);
        return result;
    }

    static double sum(Map<String, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
