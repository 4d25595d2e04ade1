package dev.patron.bench;

import java.util.Map;

/**
 * One measured run: throughput and latency of the calls that succeeded, CPU milliseconds per call of each Patron
 * process (and of this harness, the client, which shares the cores), and the peak RSS sampled during the run.
 */
record LoadResult(
        int threads,
        long calls,
        long errors,
        String firstError,
        double seconds,
        double callsPerSecond,
        double p50Ms,
        double p95Ms,
        double p99Ms,
        double meanMs,
        Map<String, Double> cpuMsPerCall,
        double cpuMsPerCallTotal,
        double clientCpuMsPerCall,
        Map<String, Double> peakRssMib,
        double peakRssMibTotal) {
}
