package dev.patron.command.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patron.command.integration.DeliveryQueue.Attempt;
import dev.patron.command.integration.DeliveryQueue.Pending;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends what the integrations' queues hold. Each integration has at most one delivery in flight, its queue's head, so
 * its events arrive in queue order; deliveries go out asynchronously (the JDK client, a timeout on every attempt)
 * with at most {@code max-in-flight} at once, so a slow or dead receiver holds one slot and its own queue, never
 * another integration's. A failed attempt is tried again after a doubling wait with jitter (so receivers coming back
 * are not hit by every sender at the same moment), up to {@code longest-retry} apart; after {@code max-attempts}
 * the event is given up, logged as such, and the next one is sent: the queue is never stuck behind one event.
 * <p>
 * It runs where the webhook processor holds its segment, so that one instance sends; everything it needs to go on
 * is in MongoDB, so after a restart or a takeover it resumes where the queues are. An attempt cut short by a stop is
 * made again: at least once.
 */
@Component
class WebhookSender implements SmartLifecycle {

    static final String SECRET_HEADER = "X-Moltin-Secret-Key";
    static final String SIGNATURE_HEADER = "X-Patron-Signature";
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final Integrations integrations;
    private final DeliveryQueue queue;
    private final WebhookTargets targets;
    private final WebhookProperties properties;
    private final ObjectMapper json;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** The retry each waiting integration has a timer for, so that looking again does not add timers. */
    private final Map<String, Instant> retryTimers = new ConcurrentHashMap<>();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService scheduler;
    private volatile ExecutorService io;
    private volatile HttpClient http;

    WebhookSender(Integrations integrations, DeliveryQueue queue, WebhookTargets targets, WebhookProperties properties,
                  ObjectMapper json, ObjectProvider<EventProcessingConfiguration> processing) {
        this.integrations = integrations;
        this.queue = queue;
        this.targets = targets;
        this.properties = properties;
        this.json = json;
        this.processing = processing;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("webhook-sender"));
        // Resolving names (the target check) and recording outcomes in MongoDB happen here, off the scheduler.
        io = Executors.newFixedThreadPool(2, daemon("webhook-io"));
        http = HttpClient.newBuilder().connectTimeout(properties.timeout()).executor(io)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        scheduler.scheduleWithFixedDelay(this::look, 0, properties.poll().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        io.shutdownNow();
        inFlight.clear();
        retryTimers.clear();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }

    /** Something was enqueued or a delivery finished: look at the queues now rather than at the next poll. */
    void wake() {
        ScheduledExecutorService current = scheduler;
        if (current != null && wakeQueued.compareAndSet(false, true)) {
            try {
                current.execute(this::look);
            } catch (RejectedExecutionException stopping) {
                wakeQueued.set(false);
            }
        }
    }

    private void look() {
        wakeQueued.set(false);
        try {
            if (!holdsTheProcessor()) {
                return;
            }
            Instant now = Instant.now();
            for (Integration integration : integrations.current()) {
                if (!integration.enabled() || inFlight.contains(integration.id())) {
                    continue;
                }
                if (inFlight.size() >= properties.maxInFlight()) {
                    return; // the next finished delivery wakes this again
                }
                Optional<Pending> head = queue.next(integration.id());
                if (head.isEmpty()) {
                    continue;
                }
                Instant due = head.get().nextAttemptAt();
                if (due != null && due.isAfter(now)) {
                    if (!due.equals(retryTimers.put(integration.id(), due))) {
                        scheduler.schedule(this::wake, Duration.between(now, due).toMillis() + 1,
                                TimeUnit.MILLISECONDS);
                    }
                    continue;
                }
                retryTimers.remove(integration.id());
                inFlight.add(integration.id());
                send(integration, head.get());
            }
        } catch (RuntimeException failed) {
            // MongoDB unreachable, say: the next poll tries again, nothing has moved.
            log.warn("Webhook deliveries could not be looked at: {}", failed.toString());
        }
    }

    private boolean holdsTheProcessor() {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        return configuration != null && configuration
                .eventProcessor(WebhookConfiguration.PROCESSING_GROUP, TrackingEventProcessor.class)
                .map(processor -> !processor.processingStatus().isEmpty())
                .orElse(false);
    }

    private void send(Integration integration, Pending pending) {
        int number = pending.failedAttempts() + 1;
        byte[] body = body(integration, pending, number);
        URI url = URI.create(integration.url());
        CompletableFuture.supplyAsync(() -> targets.refusal(url), io)
                .thenCompose(refusal -> refusal.isPresent()
                        ? CompletableFuture.completedFuture(outcome(number, null, refusal.get()))
                        : http.sendAsync(request(integration, url, body), HttpResponse.BodyHandlers.discarding())
                        .thenApply(response -> outcome(number, response.statusCode(), null)))
                .exceptionally(failure -> outcome(number, null, reason(failure)))
                .thenAccept(attempt -> finish(integration, pending, attempt))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        log.warn("Webhook delivery to integration {} not recorded, it is made again: {}",
                                integration.id(), failure.toString());
                    }
                    inFlight.remove(integration.id());
                    wake();
                });
    }

    private Attempt outcome(int number, Integer status, String error) {
        boolean succeeded = status != null && status >= 200 && status < 300;
        boolean gaveUp = !succeeded && number >= properties.maxAttempts();
        return new Attempt(number, succeeded, gaveUp, status, error == null && !succeeded ? "HTTP " + status : error,
                Instant.now());
    }

    private void finish(Integration integration, Pending pending, Attempt attempt) {
        if (attempt.gaveUp()) {
            log.warn("Gave up delivering event {} to integration {} after {} attempts: {}", pending.eventId(),
                    integration.id(), attempt.number(), attempt.error());
        }
        queue.record(integration.id(), pending, attempt, attempt.at().plus(retryDelay(attempt.number())));
    }

    /** first-retry * 2^(n-1), at most longest-retry, of which a random half: "equal jitter". */
    Duration retryDelay(int failedAttempts) {
        long first = properties.firstRetry().toMillis();
        long longest = properties.longestRetry().toMillis();
        long doubled = first << Math.min(failedAttempts - 1, 30);
        long delay = Math.min(doubled <= 0 ? longest : doubled, longest);
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private HttpRequest request(Integration integration, URI url, byte[] body) {
        return HttpRequest.newBuilder(url)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Patron-Webhooks/1")
                .header(SECRET_HEADER, integration.secret())
                .header(SIGNATURE_HEADER, signature(integration.secret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** {@code {"id","triggered_by","attempt","integration":{"id","name"},"resources"}}, as the platform sends it. */
    private byte[] body(Integration integration, Pending pending, int attempt) {
        try {
            ObjectNode body = json.createObjectNode();
            body.put("id", pending.eventId());
            body.put("triggered_by", pending.type());
            body.put("attempt", attempt);
            body.putObject("integration").put("id", integration.id()).put("name", integration.name());
            body.set("resources", json.readTree(pending.resources()));
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException written) {
            throw new IllegalStateException("A queued event is not JSON", written);
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of exactly the body's bytes, keyed with the integration's secret. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException requiredByEveryJava) {
            throw new IllegalStateException(requiredByEveryJava);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
