package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Webhooks over real HTTP both ways: Patron in one process (private targets allowed, retries milliseconds apart)
 * sends to receivers run by this test, which check what arrives as a receiver would: the signature, the order, the
 * log of attempts.
 */
@Tag("integration")
class WebhooksHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FAST_RETRIES = List.of(
            "--patron.webhooks.allow-private-targets=true",
            "--patron.webhooks.first-retry=20ms",
            "--patron.webhooks.longest-retry=100ms",
            "--patron.webhooks.timeout=20s");
    private static final String BILLING = "{\"first_name\":\"Ron\",\"last_name\":\"Swanson\",\"line_1\":\"1 Sycamore Lane\","
            + "\"city\":\"Pawnee\",\"postcode\":\"47998\",\"country\":\"US\"}";

    private static RunningPatron patron;
    private static ApiTestClient backOffice;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "webhooks-" + UUID.randomUUID(), FAST_RETRIES);
        backOffice = patron.backOffice();
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    @Test
    void everyEventArrivesInOrderSignedAfterTheFailedAttempts() throws Exception {
        try (Receiver receiver = Receiver.failingFirst(3)) {
            String secret = "whsec-" + UUID.randomUUID();
            JsonNode created = json(backOffice.post("/v2/integrations", integration("orders desk", receiver, secret)));
            String integrationId = created.at("/data/id").asText();
            assertThat(created.at("/data/configuration/secret_key").asText())
                    .isEqualTo("****" + secret.substring(secret.length() - 4));
            assertThat(json(backOffice.get("/v2/integrations/" + integrationId)).at("/data/configuration/url").asText())
                    .isEqualTo(receiver.url());

            String customerId = createCustomer();
            assertThat(backOffice.put("/v2/customers/" + customerId, "{\"data\":{\"type\":\"customer\",\"name\":"
                    + "\"Ron F. Swanson\"}}").statusCode()).isEqualTo(200);
            HttpResponse<String> address = backOffice.post("/v2/customers/" + customerId + "/addresses",
                    "{\"data\":" + BILLING.replace("{\"first_name\"", "{\"type\":\"address\",\"first_name\"") + "}");
            assertThat(address.statusCode()).as(address.body()).isEqualTo(201);
            String cart = "cart-" + UUID.randomUUID();
            assertThat(backOffice.post("/v2/carts/" + cart + "/items", "{\"data\":{\"type\":\"custom_item\",\"name\":"
                    + "\"Wax\",\"sku\":\"WAX\",\"quantity\":2,\"price\":{\"amount\":1500,\"includes_tax\":true}}}")
                    .statusCode()).isEqualTo(201);
            HttpResponse<String> order = backOffice.post("/v2/carts/" + cart + "/checkout", "{\"data\":{\"customer\":"
                    + "{\"id\":\"" + customerId + "\"},\"billing_address\":" + BILLING + ",\"shipping_address\":"
                    + BILLING + "}}");
            assertThat(order.statusCode()).as(order.body()).isEqualTo(201);

            List<String> expected = List.of("customer.created", "customer.updated", "customer.updated",
                    "address.created", "order.created");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == expected.size());
            List<JsonNode> accepted = receiver.accepted();
            assertThat(accepted).extracting(body -> body.get("triggered_by").asText()).isEqualTo(expected);
            assertThat(accepted).extracting(body -> body.at("/resources/id").asText()).startsWith(customerId);
            assertThat(accepted.get(0).get("attempt").asInt()).isEqualTo(4);
            assertThat(accepted.get(0).at("/integration/name").asText()).isEqualTo("orders desk");
            assertThat(accepted.get(0).at("/integration/id").asText()).isEqualTo(integrationId);
            assertThat(accepted.get(0).at("/resources/password").isMissingNode()).isTrue();
            assertThat(accepted.get(1).at("/resources/password").asBoolean()).isTrue();
            assertThat(accepted).extracting(body -> body.get("id").asText()).doesNotHaveDuplicates();
            for (Receiver.Request request : receiver.requests) {
                assertThat(request.secretHeader()).isEqualTo(secret);
                assertThat(request.signature()).isEqualTo("sha256=" + hmacSha256(secret, request.body()));
            }

            JsonNode logs = json(backOffice.get("/v2/integrations/" + integrationId + "/logs?page[limit]=100"));
            assertThat(logs.at("/meta/results/total").asInt()).isEqualTo(3 + expected.size());
            JsonNode oldestFirst = JSON.createArrayNode().addAll(reversed(logs.get("data")));
            assertThat(oldestFirst).extracting(entry -> entry.get("attempt").asInt() + ":"
                            + entry.get("succeeded").asBoolean() + ":" + entry.get("status_code").asInt())
                    .containsExactly("1:false:500", "2:false:500", "3:false:500", "4:true:200", "1:true:200",
                            "1:true:200", "1:true:200", "1:true:200");
            assertThat(oldestFirst.get(0).get("event_id").asText()).isEqualTo(accepted.get(0).get("id").asText());
            JsonNode newestPage = json(backOffice.get("/v2/integrations/" + integrationId + "/logs?page[limit]=2"));
            assertThat(newestPage.get("data")).extracting(entry -> entry.get("triggered_by").asText())
                    .containsExactly("order.created", "address.created");
        }
    }

    @Test
    void aDeliveryInterruptedByARestartIsMadeByTheNextPatron() throws Exception {
        String database = "webhooks-restart-" + UUID.randomUUID();
        try (Receiver receiver = Receiver.failingWhile(new AtomicBoolean(true))) {
            RunningPatron first = RunningPatron.start(InMemoryMongo.connectionString(), database, FAST_RETRIES);
            String integrationId;
            try {
                ApiTestClient client = first.backOffice();
                integrationId = json(client.post("/v2/integrations", integration("restarts", receiver,
                        "whsec-restart-0123456789"))).at("/data/id").asText();
                assertThat(client.post("/v2/customers", customer()).statusCode()).isEqualTo(201);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests.size() >= 2);
            } finally {
                first.close();
            }
            receiver.failing.set(false);
            RunningPatron second = RunningPatron.start(InMemoryMongo.connectionString(), database, FAST_RETRIES);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == 2);
                assertThat(receiver.accepted()).extracting(body -> body.get("triggered_by").asText())
                        .containsExactly("customer.created", "customer.updated");
                assertThat(receiver.accepted().get(0).get("attempt").asInt()).isGreaterThan(1);
                JsonNode logs = json(second.backOffice().get("/v2/integrations/" + integrationId + "/logs"));
                assertThat(logs.get("data")).extracting(entry -> entry.get("succeeded").asBoolean())
                        .contains(true, false);
            } finally {
                second.close();
            }
        }
    }

    @Test
    void aReceiverThatNeverAnswersDelaysNoOtherIntegration() throws Exception {
        CountDownLatch hanging = new CountDownLatch(1);
        try (Receiver dead = Receiver.hangingUntil(hanging); Receiver alive = Receiver.failingFirst(0)) {
            backOffice.post("/v2/integrations", integration("dead", dead, "whsec-dead-0123456789"));
            backOffice.post("/v2/integrations", integration("alive", alive, "whsec-alive-0123456789"));
            String customerId = createCustomer();
            assertThat(backOffice.put("/v2/customers/" + customerId, "{\"data\":{\"type\":\"customer\",\"name\":"
                    + "\"Still here\"}}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> alive.accepted().stream()
                    .filter(body -> body.at("/resources/id").asText().equals(customerId)).count() == 3);
            assertThat(dead.requests).as("the dead receiver holds its first delivery, unanswered").hasSize(1);
        } finally {
            hanging.countDown();
        }
    }

    @Test
    void integrationsAreCheckedFieldByFieldAndForTheBackOfficeOnly() throws Exception {
        try (Receiver receiver = Receiver.failingFirst(0)) {
            errors(backOffice.post("/v2/integrations", "{\"data\":{\"type\":\"integration\"}}"), 422,
                    "data.name", "data.observes", "data.configuration");
            errors(backOffice.post("/v2/integrations", integration("x", receiver, "short")), 422,
                    "data.configuration.secret_key");
            errors(backOffice.post("/v2/integrations", integration("x".repeat(256), receiver,
                    "whsec-0123456789abcdef")), 422, "data.name");
            errors(backOffice.post("/v2/integrations", integration("x", receiver, "whsec-0123456789abcdef")
                    .replace("\"customer.created\"", "\"customer.exploded\"")), 422, "data.observes[0]");
            errors(backOffice.post("/v2/integrations", integration("x", receiver, "whsec-0123456789abcdef")
                    .replace(receiver.url(), "ftp://example.com/hook")), 422, "data.configuration.url");
            errors(backOffice.post("/v2/integrations", integration("x", receiver, "whsec-0123456789abcdef")
                    .replace("\"enabled\":true", "\"enabled\":\"yes\"")), 400, "data.enabled");
            errors(backOffice.post("/v2/integrations", integration("x", receiver, "whsec-0123456789abcdef")
                    .replace("\"type\":\"integration\"", "\"type\":\"customer\"")), 400, "data.type");
            assertThat(backOffice.get("/v2/integrations/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

            String id = json(backOffice.post("/v2/integrations", integration("x", receiver,
                    "whsec-0123456789abcdef"))).at("/data/id").asText();
            JsonNode changed = json(backOffice.put("/v2/integrations/" + id, "{\"data\":{\"type\":\"integration\","
                    + "\"name\":\"renamed\",\"enabled\":false}}"));
            assertThat(changed.at("/data/name").asText()).isEqualTo("renamed");
            assertThat(changed.at("/data/enabled").asBoolean()).isFalse();
            assertThat(changed.at("/data/configuration/url").asText()).isEqualTo(receiver.url());
            assertThat(json(backOffice.get("/v2/integrations")).get("data")).extracting(i -> i.get("id").asText())
                    .contains(id);

            ApiTestClient storefront = patron.storefront();
            assertThat(storefront.get("/v2/integrations").statusCode()).isEqualTo(403);
            assertThat(storefront.get("/v2/integrations/" + id).statusCode()).isEqualTo(403);
            assertThat(storefront.get("/v2/integrations/" + id + "/logs").statusCode()).isEqualTo(403);
            assertThat(storefront.post("/v2/integrations", integration("x", receiver, "whsec-0123456789abcdef"))
                    .statusCode()).isEqualTo(403);

            assertThat(backOffice.delete("/v2/integrations/" + id).statusCode()).isEqualTo(204);
            assertThat(backOffice.get("/v2/integrations/" + id).statusCode()).isEqualTo(404);
        }
    }

    private static String createCustomer() {
        HttpResponse<String> created = backOffice.post("/v2/customers", customer());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).at("/data/id").asText();
    }

    private static String customer() {
        return "{\"data\":{\"type\":\"customer\",\"name\":\"Ron Swanson\",\"email\":\"ron-" + UUID.randomUUID()
                + "@example.com\",\"password\":\"correct horse battery staple\"}}";
    }

    static String integration(String name, Receiver receiver, String secret) {
        return "{\"data\":{\"type\":\"integration\",\"name\":\"" + name + "\",\"description\":\"test\","
                + "\"enabled\":true,\"integration_type\":\"webhook\",\"observes\":[\"customer.created\","
                + "\"customer.updated\",\"customer.deleted\",\"address.created\",\"order.created\"],"
                + "\"configuration\":{\"url\":\"" + receiver.url() + "\",\"secret_key\":\"" + secret + "\"}}}";
    }

    private static List<JsonNode> reversed(JsonNode array) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        array.forEach(entries::add);
        java.util.Collections.reverse(entries);
        return entries;
    }

    static String hmacSha256(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }


    /** A webhook receiver on loopback that answers 500 while told to fail, 200 otherwise, and keeps every request. */
    static final class Receiver implements AutoCloseable {

        record Request(byte[] body, String secretHeader, String signature, int answered) {
        }

        final List<Request> requests = new CopyOnWriteArrayList<>();
        final AtomicBoolean failing;
        private final AtomicInteger failuresLeft;
        private final CountDownLatch hangUntil;
        private final HttpServer server;

        private Receiver(AtomicBoolean failing, int failures, CountDownLatch hangUntil) throws IOException {
            this.failing = failing;
            this.failuresLeft = new AtomicInteger(failures);
            this.hangUntil = hangUntil;
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = failing.get() || failuresLeft.getAndDecrement() > 0 ? 500 : 200;
                requests.add(new Request(body, exchange.getRequestHeaders().getFirst("X-Moltin-Secret-Key"),
                        exchange.getRequestHeaders().getFirst("X-Patron-Signature"), status));
                if (hangUntil != null) {
                    try {
                        hangUntil.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        static Receiver failingFirst(int failures) throws IOException {
            return new Receiver(new AtomicBoolean(false), failures, null);
        }

        static Receiver failingWhile(AtomicBoolean failing) throws IOException {
            return new Receiver(failing, 0, null);
        }

        static Receiver hangingUntil(CountDownLatch latch) throws IOException {
            return new Receiver(new AtomicBoolean(false), 0, latch);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        /** The bodies answered 2xx, in the order they arrived. */
        List<JsonNode> accepted() {
            return requests.stream().filter(request -> request.answered() == 200).map(request -> {
                try {
                    return JSON.readTree(request.body());
                } catch (IOException notJson) {
                    throw new AssertionError(notJson);
                }
            }).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
