package dev.patron.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the resident memory of Patron's processes every 500 ms from spawn to stop. RSS is a level, not a counter,
 * so its peak can only be caught by sampling: the peak of the whole run, and of each measured run in a window.
 */
final class ResourceSampler implements AutoCloseable {

    static final long INTERVAL_MILLIS = 500;

    private final PatronProcesses processes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final PeakRss wholeRun = new PeakRss();
    private final Set<PeakRss> openWindows = ConcurrentHashMap.newKeySet();

    ResourceSampler(PatronProcesses processes) {
        this.processes = processes;
    }

    void start() {
        timer.scheduleAtFixedRate(this::sample, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts collecting the peaks of a measured run; {@link #closeWindow} ends it. */
    PeakRss openWindow() {
        PeakRss window = new PeakRss();
        openWindows.add(window);
        return window;
    }

    void closeWindow(PeakRss window) {
        openWindows.remove(window);
    }

    PeakRss wholeRun() {
        return wholeRun;
    }

    private void sample() {
        try {
            Map<String, ProcFs.Usage> now = processes.sample();
            wholeRun.add(now);
            openWindows.forEach(window -> window.add(now));
        } catch (RuntimeException e) {
            // A process vanishing mid-read must not end the sampling: a scheduled task that throws is never rerun.
            System.err.println("RSS sample failed: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The highest RSS seen per process, and the highest sum over all processes at one sampling instant. */
    static final class PeakRss {
        private final Map<String, Long> perProcessKib = new LinkedHashMap<>();
        private long totalKib;

        synchronized void add(Map<String, ProcFs.Usage> sample) {
            long total = 0;
            for (Map.Entry<String, ProcFs.Usage> process : sample.entrySet()) {
                perProcessKib.merge(process.getKey(), process.getValue().rssKib(), Math::max);
                total += process.getValue().rssKib();
            }
            totalKib = Math.max(totalKib, total);
        }

        synchronized Map<String, Double> perProcessMib() {
            Map<String, Double> mib = new LinkedHashMap<>();
            perProcessKib.forEach((name, kib) -> mib.put(name, kib / 1024.0));
            return mib;
        }

        synchronized double totalMib() {
            return totalKib / 1024.0;
        }
    }
}
