package dev.patron.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one operation from several client threads, each issuing its next call as soon as the last one returns (a
 * closed loop: the rate is what the system sustains at that concurrency). A warm-up of a fixed number of calls comes
 * first and is not measured. The measured run goes on until it has done a minimum number of calls and lasted a
 * minimum time, so a slow path still gets enough samples and a fast one runs long enough to average out the noise of
 * a shared machine. Around the measured run it takes the CPU time of every Patron process and samples their RSS.
 */
final class LoadRunner {

    /** More failed calls than this ends a run: its figures would describe errors, not the path under test. */
    static final int MAX_ERRORS = 10;

    @FunctionalInterface
    interface Operation {
        void call() throws Exception;
    }

    /** How a measured run is shaped: client threads, unmeasured warm-up calls, then at least minCalls over minTime. */
    record Plan(int threads, int warmUpCalls, int minCalls, Duration minTime) {
    }

    private final PatronProcesses processes;
    private final ResourceSampler sampler;

    LoadRunner(PatronProcesses processes, ResourceSampler sampler) {
        this.processes = processes;
        this.sampler = sampler;
    }

    LoadResult measure(Plan plan, Operation operation) {
        run(plan.threads(), plan.warmUpCalls(), Duration.ZERO, operation);
        Map<String, ProcFs.Usage> before = processes.sample();
        long clientTicksBefore = ProcFs.ownCpuTicks();
        ResourceSampler.PeakRss peak = sampler.openWindow();
        Run run;
        try {
            run = run(plan.threads(), plan.minCalls(), plan.minTime(), operation);
        } finally {
            sampler.closeWindow(peak);
        }
        Map<String, Double> cpuMillis = processes.cpuMillisBetween(before, processes.sample());
        double clientCpuMillis = processes.ticksToMillis(ProcFs.ownCpuTicks() - clientTicksBefore);
        long succeeded = run.latencies().count();
        Map<String, Double> cpuMillisPerCall = new LinkedHashMap<>();
        cpuMillis.forEach((name, millis) -> cpuMillisPerCall.put(name, millis / succeeded));
        return new LoadResult(plan.threads(), succeeded, run.errors(), run.firstError(), run.seconds(),
                succeeded / run.seconds(), run.latencies().percentileMillis(50), run.latencies().percentileMillis(95),
                run.latencies().percentileMillis(99), run.latencies().meanMillis(), cpuMillisPerCall,
                cpuMillis.values().stream().mapToDouble(Double::doubleValue).sum() / succeeded,
                clientCpuMillis / succeeded, peak.perProcessMib(), peak.totalMib());
    }

    /** Runs calls from the given threads until at least minCalls have been started and minTime has passed. */
    Run run(int threads, int minCalls, Duration minTime, Operation operation) {
        AtomicLong tickets = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<LatencyRecorder> recorders = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + minTime.toNanos();
        for (int i = 0; i < threads; i++) {
            LatencyRecorder recorder = new LatencyRecorder();
            recorders.add(recorder);
            Thread client = new Thread(() -> {
                // A ticket per call keeps a fixed-count run exact however many threads share it.
                while ((tickets.getAndIncrement() < minCalls || System.nanoTime() < deadline)
                        && errors.get() <= MAX_ERRORS) {
                    long callStart = System.nanoTime();
                    try {
                        operation.call();
                        recorder.record(System.nanoTime() - callStart);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                }
            }, "bench-client-" + i);
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            try {
                client.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailure("interrupted while waiting for the client threads", e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (errors.get() > MAX_ERRORS) {
            throw new BenchmarkFailure("more than " + MAX_ERRORS + " calls failed; the first: " + firstError.get());
        }
        LatencyRecorder latencies = new LatencyRecorder();
        recorders.forEach(latencies::addAll);
        return new Run(latencies, errors.get(), firstError.get(), seconds);
    }

    record Run(LatencyRecorder latencies, long errors, String firstError, double seconds) {
    }
}
