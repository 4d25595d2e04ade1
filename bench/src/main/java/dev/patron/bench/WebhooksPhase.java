package dev.patron.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook deliveries per second to a receiver the harness runs on loopback (checking every signature), against a
 * baseline in the same run: the harness POSTing the very bodies Patron sent, signed the same way, one after another
 * (Patron's order per integration allows one in flight) and from 8 clients (what delivery without an order could
 * reach). Creating customers through the API is slower than delivering them, so delivering as they are created would
 * measure the creations; instead the receiver answers 503 while {@value #EVENTS} customers are created (8 clients),
 * so they queue up behind the first, then 200 at once: Patron's figure is that backlog drained, from the first
 * delivery accepted to the last, each with the queue's bookkeeping in MongoDB.
 */
final class WebhooksPhase {

    static final int EVENTS = 2_000;
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private final PatronApi api;
    private final LoadRunner runner;
    private final Report report;

    WebhooksPhase(PatronApi api, LoadRunner runner, Report report) {
        this.api = api;
        this.runner = runner;
        this.report = report;
    }

    private record Received(byte[] body, String signature) {
    }

    Map<String, Object> run() throws IOException, InterruptedException {
        String secret = "bench-" + UUID.randomUUID();
        List<Received> received = new CopyOnWriteArrayList<>();
        CountDownLatch allDelivered = new CountDownLatch(EVENTS);
        AtomicLong firstDeliveryNanos = new AtomicLong();
        AtomicLong lastDeliveryNanos = new AtomicLong();
        AtomicBoolean open = new AtomicBoolean(false);
        AtomicInteger badSignatures = new AtomicInteger();
        ExecutorService receiverThreads = Executors.newFixedThreadPool(8);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Patron-Signature");
            if (!MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                    String.valueOf(signature).getBytes(StandardCharsets.US_ASCII))) {
                badSignatures.incrementAndGet();
            }
            if (!open.get()) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            received.add(new Received(body, signature));
            firstDeliveryNanos.compareAndSet(0, System.nanoTime());
            lastDeliveryNanos.set(System.nanoTime());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            allDelivered.countDown();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try {
            report.line(String.format("Webhooks: %,d customer creations delivered to a local receiver...", EVENTS));
            String integration = api.createIntegration("bench", url, secret, List.of("customer.created"));
            String runTag = UUID.randomUUID().toString().substring(0, 8);
            AtomicLong created = new AtomicLong();
            long start = System.nanoTime();
            runner.run(8, EVENTS, Duration.ZERO, () -> api.createCustomer("Hook Customer",
                    "hook-" + created.getAndIncrement() + "-" + runTag + "@bench.example", null));
            double writeSeconds = (System.nanoTime() - start) / 1e9;
            open.set(true);
            if (!allDelivered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new BenchmarkFailure("only " + received.size() + " of " + EVENTS + " deliveries within "
                        + DEADLINE);
            }
            api.deleteIntegration(integration);
            if (badSignatures.get() > 0) {
                throw new BenchmarkFailure(badSignatures.get() + " deliveries had a wrong signature");
            }
            // From the first accepted delivery to the last: EVENTS - 1 deliveries in between.
            double patronSeconds = (lastDeliveryNanos.get() - firstDeliveryNanos.get()) / 1e9;
            double patronRate = (EVENTS - 1) / patronSeconds;

            report.line("Baseline: the same signed bodies POSTed by the harness...");
            List<Received> bodies = List.copyOf(received);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            double serialSeconds = sendAll(http, url, secret, bodies, 1);
            double parallelSeconds = sendAll(http, url, secret, bodies, 8);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("events", EVENTS);
            result.put("patron_deliveries_per_second", patronRate);
            result.put("creations_per_second", EVENTS / writeSeconds);
            result.put("baseline_serial_per_second", EVENTS / serialSeconds);
            result.put("baseline_8_clients_per_second", EVENTS / parallelSeconds);
            report.heading("Webhooks");
            report.table(String.format("A backlog of %,d customer.created events for one integration, drained to a "
                            + "receiver on loopback that answers 200 at once, against the harness sending the same "
                            + "signed bodies.", EVENTS),
                    new MarkdownTable("sender", "deliveries/s", "notes")
                            .row("Patron", MarkdownTable.rate(patronRate), String.format(
                                    "one in flight, in order; the backlog was created at %s/s",
                                    MarkdownTable.rate(EVENTS / writeSeconds)))
                            .row("harness, 1 at a time", MarkdownTable.rate(EVENTS / serialSeconds),
                                    "in order, as Patron per integration")
                            .row("harness, 8 clients", MarkdownTable.rate(EVENTS / parallelSeconds), "no order"));
            return result;
        } finally {
            receiver.stop(0);
            receiverThreads.shutdownNow();
        }
    }

    /** Sends every body (signed again, as Patron signs each attempt) from {@code clients} threads; returns seconds. */
    private double sendAll(HttpClient http, String url, String secret, List<Received> bodies, int clients) {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        runner.run(clients, bodies.size(), Duration.ZERO, () -> {
            byte[] body = bodies.get(next.getAndIncrement() % bodies.size()).body();
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-Moltin-Secret-Key", secret)
                    .header("X-Patron-Signature", sign(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) {
                throw new IOException("the receiver answered " + answer.statusCode());
            }
        });
        return (System.nanoTime() - start) / 1e9;
    }

    private static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException requiredByEveryJava) {
            throw new IllegalStateException(requiredByEveryJava);
        }
    }
}
