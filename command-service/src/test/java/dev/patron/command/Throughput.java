package dev.patron.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** The throughput measurement the benchmarks of this module share. */
public final class Throughput {

    private Throughput() {
    }

    /**
     * Runs {@code operation} for every index below {@code operations}, spread over {@code threads} threads that each
     * take the next index when done with one; answers operations per second.
     */
    public static double perSecond(int threads, int operations, IntConsumer operation) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < operations; i = next.getAndIncrement()) {
                        operation.accept(i);
                    }
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
            return operations / ((System.nanoTime() - start) / 1e9);
        } finally {
            workers.shutdownNow();
        }
    }
}
