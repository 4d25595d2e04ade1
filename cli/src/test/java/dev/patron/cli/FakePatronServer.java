package dev.patron.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The server side of the bulk import contract, in memory, on a random port: client-credentials tokens,
 * {@code POST /v2/customers/bulk} with the email rule and {@code already_imported} for emails it created before,
 * and switches for the failures the client must live through.
 */
final class FakePatronServer implements AutoCloseable {

    static final String CLIENT_ID = "importer";
    static final String CLIENT_SECRET = "s3cret";
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");
    private static final int MAX_ITEMS = 500;
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile long tokenLifetimeSeconds = 3600;

    /** Email (lower case) to id, and how often each email was created: must never be more than once. */
    private final Map<String, String> customers = new HashMap<>();
    private final Map<String, Integer> creations = new HashMap<>();
    private final List<JsonNode> receivedItems = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> answeredBatchSizes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger bulkRequests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    // Failure switches.
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    /** How many more bulk requests are answered before every one is refused; counted as they arrive. */
    private final AtomicLong answersBeforeUnavailable = new AtomicLong(Long.MAX_VALUE);
    /** When set, only batches whose first customer has one of these emails are answered, others 503. */
    private volatile Set<String> answeredFirstEmails;
    private final AtomicInteger refuseTokens = new AtomicInteger();
    private volatile int statusForEveryBulkRequest;
    private volatile CountDownLatch hold;

    FakePatronServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth/access_token", this::token);
        server.createContext("/v2/customers/bulk", this::bulk);
        server.createContext("/v2/read-models", this::readModels);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // --- switches ---

    /** The next {@code count} bulk requests are answered 503. */
    void answerUnavailable(int count) {
        unavailableAnswers.set(count);
    }

    /**
     * The next {@code batches} bulk requests to arrive are answered, every later one 503 until {@link #recover()}.
     * Counted as requests arrive, so that requests in flight together cannot all slip through; which batches they are
     * depends on the order in which they arrive.
     */
    void becomeUnavailableAfter(int batches) {
        answersBeforeUnavailable.set(batches);
    }

    /**
     * Until {@link #recover()}, answers only the batches that begin with one of these emails, and 503 to every other:
     * which batches get through then depends on what they hold, not on the order in which concurrent requests arrive.
     */
    void answerOnlyBatchesStartingWith(Set<String> emails) {
        answeredFirstEmails = Set.copyOf(emails);
    }

    void recover() {
        answeredFirstEmails = null;
        answersBeforeUnavailable.set(Long.MAX_VALUE);
        unavailableAnswers.set(0);
        statusForEveryBulkRequest = 0;
    }

    /** The next {@code count} bulk requests are answered 401, and the token they carried is no longer valid. */
    void refuseTokens(int count) {
        refuseTokens.set(count);
    }

    void answerEveryBulkRequestWith(int status) {
        statusForEveryBulkRequest = status;
    }

    void tokenLifetime(long seconds) {
        tokenLifetimeSeconds = seconds;
    }

    /** Bulk requests wait (having arrived) until {@link #release()}. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    void release() {
        hold.countDown();
    }

    // --- what it saw ---

    int tokensIssued() {
        return tokensIssued.get();
    }

    int bulkRequests() {
        return bulkRequests.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    int mostInFlight() {
        return mostInFlight.get();
    }

    List<Integer> answeredBatchSizes() {
        synchronized (answeredBatchSizes) {
            return List.copyOf(answeredBatchSizes);
        }
    }

    List<JsonNode> receivedItems() {
        synchronized (receivedItems) {
            return List.copyOf(receivedItems);
        }
    }

    synchronized Map<String, Integer> creationsByEmail() {
        return Map.copyOf(creations);
    }

    /** Marks emails as created by an earlier import. */
    synchronized void alreadyHas(String email) {
        customers.put(email.toLowerCase(Locale.ROOT), UUID.randomUUID().toString());
    }

    // --- the read models' rebuild: each GET of /v2/read-models moves a running rebuild a quarter on ---

    private static final long REBUILD_EVENTS = 400_000;
    private long generation = 1;
    private int rebuildPolls = -1;
    private boolean rebuildFails;
    private final AtomicInteger rebuildsStarted = new AtomicInteger();

    /** A rebuild is running already when the command starts. */
    synchronized void rebuildRunning() {
        rebuildPolls = 0;
    }

    /** The rebuild fails half-way. */
    synchronized void rebuildFails() {
        rebuildFails = true;
    }

    int rebuildsStarted() {
        return rebuildsStarted.get();
    }

    private synchronized void readModels(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !validTokens.contains(auth.replaceFirst("^Bearer ", ""))) {
            error(exchange, 401, "Unauthorized");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.matches("/v2/read-models/[^/]+/rebuild")) {
            if (!path.equals("/v2/read-models/customers/rebuild")) {
                error(exchange, 404, "No read model " + path.split("/")[3]);
            } else if (rebuildPolls >= 0) {
                error(exchange, 409, "A rebuild of customers is running (generation " + (generation + 1) + ")");
            } else {
                rebuildsStarted.incrementAndGet();
                rebuildPolls = 0;
                ObjectNode body = json.createObjectNode();
                body.set("data", readModel());
                send(exchange, 202, body);
            }
            return;
        }
        if ("GET".equals(exchange.getRequestMethod()) && path.equals("/v2/read-models")) {
            if (rebuildPolls >= 0) {
                rebuildPolls++;
            }
            ObjectNode body = json.createObjectNode();
            body.putArray("data").add(readModel());
            send(exchange, 200, body);
            return;
        }
        error(exchange, 404, "Not found");
    }

    private ObjectNode readModel() {
        ObjectNode model = json.createObjectNode();
        model.put("type", "read_model").put("id", "customers").put("name", "customers");
        ObjectNode rebuild = json.createObjectNode();
        String status = "running";
        long done = Math.min(REBUILD_EVENTS, REBUILD_EVENTS * Math.max(0, rebuildPolls) / 4);
        if (rebuildPolls >= 2 && rebuildFails) {
            status = "failed";
            rebuild.put("error", "handler failed");
        } else if (rebuildPolls >= 4) {
            status = "switched";
        }
        rebuild.put("from_generation", generation).put("target_generation", generation + 1).put("status", status)
                .put("events_done", done).put("events_total", REBUILD_EVENTS).put("events_per_second", 50_000.0)
                .put("percent", done * 100.0 / REBUILD_EVENTS).put("seconds_left", (REBUILD_EVENTS - done) / 50_000);
        boolean over = !status.equals("running");
        model.put("generation", status.equals("switched") ? generation + 1 : generation)
                .put("state", rebuildPolls < 0 || over ? "live" : "rebuilding").put("lag", 0);
        model.set("rebuild", rebuildPolls < 0 ? null : rebuild);
        if (over) {
            generation = status.equals("switched") ? generation + 1 : generation;
            rebuildPolls = -1;
            rebuildFails = false;
        }
        return model;
    }

    // --- handlers ---

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            error(exchange, 400, "grant_type must be client_credentials or implicit");
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            error(exchange, 401, "The client credentials are not valid");
            return;
        }
        String token = "token-" + tokensIssued.incrementAndGet() + "-" + UUID.randomUUID();
        validTokens.add(token);
        ObjectNode body = json.createObjectNode();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", tokenLifetimeSeconds);
        body.put("identifier", "client_credentials");
        send(exchange, 200, body);
    }

    private void bulk(HttpExchange exchange) throws IOException {
        bulkRequests.incrementAndGet();
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            CountDownLatch gate = hold;
            if (gate != null) {
                gate.await(30, TimeUnit.SECONDS);
            }
            answerBulk(exchange);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answerBulk(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        if (!validTokens.contains(token)) {
            error(exchange, 401, "The access token is not valid");
            return;
        }
        if (refuseTokens.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            validTokens.remove(token);
            error(exchange, 401, "The access token has expired");
            return;
        }
        if (statusForEveryBulkRequest != 0) {
            error(exchange, statusForEveryBulkRequest, "switched on by the test");
            return;
        }
        if (unavailableAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                || answersBeforeUnavailable.getAndUpdate(n -> n == Long.MAX_VALUE ? n : n - 1) <= 0) {
            error(exchange, 503, "Service Unavailable");
            return;
        }
        if (raw.length > MAX_BODY) {
            error(exchange, 413, "the body is larger than 4 MiB");
            return;
        }
        JsonNode data = json.readTree(raw).path("data");
        Set<String> onlyStartingWith = answeredFirstEmails;
        if (onlyStartingWith != null && !onlyStartingWith.contains(data.path(0).path("email").asText())) {
            error(exchange, 503, "Service Unavailable");
            return;
        }
        if (!data.isArray() || data.isEmpty() || data.size() > MAX_ITEMS) {
            error(exchange, 422, "data must hold 1 to 500 customers");
            return;
        }
        ArrayNode results = json.createArrayNode();
        int created = 0;
        int already = 0;
        int rejected = 0;
        synchronized (this) {
            for (int i = 0; i < data.size(); i++) {
                JsonNode item = data.get(i);
                receivedItems.add(item);
                ObjectNode result = results.addObject();
                result.put("index", i);
                String email = item.path("email").asText("");
                if (!"customer".equals(item.path("type").asText()) || !EMAIL.matcher(email).matches()) {
                    result.put("status", "rejected");
                    ObjectNode error = result.putArray("errors").addObject();
                    error.put("status", 422);
                    error.put("title", "Failed Validation");
                    error.put("detail", "email must be a valid email address");
                    error.put("source", "data[" + i + "].email");
                    rejected++;
                    continue;
                }
                String key = email.toLowerCase(Locale.ROOT);
                String id = customers.get(key);
                if (id != null) {
                    result.put("status", "already_imported");
                    result.put("id", id);
                    already++;
                } else {
                    id = UUID.randomUUID().toString();
                    customers.put(key, id);
                    creations.merge(key, 1, Integer::sum);
                    result.put("status", "created");
                    result.put("id", id);
                    created++;
                }
            }
            answeredBatchSizes.add(data.size());
        }
        ObjectNode body = json.createObjectNode();
        body.set("data", results);
        ObjectNode meta = body.putObject("meta");
        meta.put("created", created);
        meta.put("already_imported", already);
        meta.put("rejected", rejected);
        send(exchange, 200, body);
    }

    private void error(HttpExchange exchange, int status, String detail) throws IOException {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("status", status);
        error.put("title", "Error");
        error.put("detail", detail);
        send(exchange, status, body);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        CountDownLatch gate = hold;
        if (gate != null) {
            gate.countDown();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
