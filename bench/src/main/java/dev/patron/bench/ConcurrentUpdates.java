package dev.patron.bench;

import dev.patron.bench.PatronApi.Answer;
import dev.patron.bench.PatronApi.Caller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Two command service instances writing to the same customers: for each of up to {@value #CUSTOMERS} customers the
 * load signed up, two updates sent at the same moment, one to each instance directly (not through the gateway, so
 * that both instances are sure to take part). Each is acknowledged (then it was stored after the other) or refused
 * 409 (it lost the race for the customer's next sequence number); the crash check then holds every acknowledged one
 * to be stored exactly once, every refused one not at all, and the customer to show the last one stored.
 */
final class ConcurrentUpdates {

    static final int CUSTOMERS = 100;

    private final PatronApi first;
    private final PatronApi second;

    /** @param first and {@code second}: the API of one command service instance each */
    ConcurrentUpdates(PatronApi first, PatronApi second) {
        this.first = first;
        this.second = second;
    }

    /** Sends the pairs; returns the updates, numbered from {@code firstNumber}, and prints how the pairs ended. */
    List<CrashCommand> run(List<CrashCommand> load, int firstNumber, Report report) {
        List<String> customers = load.stream()
                .filter(command -> command.type() == CrashCommandType.SIGN_UP
                        && command.outcome() == CrashCommand.Outcome.CONFIRMED)
                .map(CrashCommand::customerId)
                .limit(CUSTOMERS)
                .toList();
        List<CrashCommand> updates = new ArrayList<>();
        int bothAcknowledged = 0;
        int oneRefused = 0;
        int otherwise = 0;
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            int number = firstNumber;
            for (String customer : customers) {
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<CrashCommand> viaFirst = update(senders, first, customer, number++, together);
                CompletableFuture<CrashCommand> viaSecond = update(senders, second, customer, number++, together);
                CrashCommand one = viaFirst.join();
                CrashCommand other = viaSecond.join();
                updates.add(one);
                updates.add(other);
                if (one.status() == 200 && other.status() == 200) {
                    bothAcknowledged++;
                } else if (one.status() + other.status() == 200 + 409) {
                    oneRefused++;
                } else {
                    otherwise++;
                }
            }
        } finally {
            senders.shutdownNow();
        }
        report.heading("Concurrent updates through both command services");
        report.table("Two updates of the same customer at the same moment, one to each instance.",
                new MarkdownTable("customers", "both acknowledged (one after the other)",
                        "one acknowledged, one 409 (write conflict)", "otherwise")
                        .row(customers.size(), bothAcknowledged, oneRefused, otherwise));
        return updates;
    }

    private static CompletableFuture<CrashCommand> update(ExecutorService senders, PatronApi api, String customer,
            int number, CyclicBarrier together) {
        return CompletableFuture.supplyAsync(() -> {
            String name = "Crash #" + number;
            try {
                together.await();
                Answer answer = api.call("PUT", "/v2/customers/" + customer, Map.of("type", "customer", "name", name),
                        Caller.BACK_OFFICE);
                return new CrashCommand(number, CrashCommandType.UPDATE_CUSTOMER, customer, null, null, null, name,
                        null, null, answer.status(), answer.requestId(), null);
            } catch (IOException dropped) {
                return new CrashCommand(number, CrashCommandType.UPDATE_CUSTOMER, customer, null, null, null, name,
                        null, null, -1, null, dropped.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailure("interrupted while updating " + customer, e);
            } catch (BrokenBarrierException e) {
                throw new BenchmarkFailure("the two updates of " + customer + " could not start together", e);
            }
        }, senders);
    }
}
