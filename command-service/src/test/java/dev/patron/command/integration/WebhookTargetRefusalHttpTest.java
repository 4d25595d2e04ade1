package dev.patron.command.integration;

import static dev.patron.kit.web.ApiTestClient.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.sun.net.httpserver.HttpServer;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command service as deployed, private targets not allowed: an integration aimed inside the network is refused
 * when it is made, and one that points there anyway (here stored directly, as if its name's DNS answer had changed
 * since) gets nothing delivered, each refusal in its log.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "patron.mongo.database=webhook-targets",
        "patron.read-your-writes.enabled=false",
        "patron.webhooks.first-retry=10ms",
        "patron.webhooks.longest-retry=20ms",
        "patron.webhooks.max-attempts=2",
        "patron.client.id=hooks-client",
        "patron.client.secret=hooks-client-secret"})
class WebhookTargetRefusalHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    Integrations integrations;
    @Autowired
    DeliveryQueue queue;

    ApiTestClient api;

    @DynamicPropertySource
    static void inMemoryMongo(DynamicPropertyRegistry registry) {
        registry.add("patron.mongo.uri", InMemoryMongo::connectionString);
    }

    @BeforeEach
    void signIn() {
        ApiTestClient anonymous = ApiTestClient.onPort(port);
        HttpResponse<String> token = anonymous.send(anonymous.request("/oauth/access_token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("grant_type=client_credentials&client_id=hooks-client"
                        + "&client_secret=hooks-client-secret")));
        api = anonymous.withHeader("Authorization", "Bearer " + ApiTestClient.json(token).get("access_token").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://localhost/hook", "http://10.1.2.3/",
            "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fd00::1]/", "http://224.0.0.1/",
            "http://0.0.0.0/"})
    void anInternalTargetIsRefusedAtCreationAndChange(String url) {
        errors(api.post("/v2/integrations", body(url)), 422, "data.configuration.url");
        String id = ApiTestClient.json(api.post("/v2/integrations", body("http://93.184.215.14/hook")))
                .at("/data/id").asText();
        errors(api.put("/v2/integrations/" + id, "{\"data\":{\"type\":\"integration\",\"configuration\":{\"url\":\""
                + url + "\"}}}"), 422, "data.configuration.url");
        api.delete("/v2/integrations/" + id);
    }

    @Test
    void aTargetThatTurnedInternalGetsNothingAndTheRefusalIsLogged() throws Exception {
        AtomicInteger received = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Instant now = Instant.now();
            Integration inside = new Integration(UUID.randomUUID().toString(), "inside", null, true,
                    List.of("customer.created"), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/",
                    "whsec-0123456789abcdef", now, now, 1);
            integrations.create(inside);
            HttpResponse<String> created = api.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":"
                    + "\"Ron\",\"email\":\"ron-" + UUID.randomUUID() + "@example.com\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(20)).until(() -> queue.logs(inside.id(), 0, 10).total() == 2);
            List<DeliveryLogResource> logged = queue.logs(inside.id(), 0, 10).entries();
            assertThat(logged).extracting(DeliveryLogResource::errorDetail)
                    .allMatch(detail -> detail.contains("internal address"));
            assertThat(logged.get(0).gaveUp()).isTrue();
            assertThat(received).hasValue(0);
        } finally {
            receiver.stop(0);
        }
    }

    private static String body(String url) {
        return "{\"data\":{\"type\":\"integration\",\"name\":\"hook\",\"observes\":[\"customer.created\"],"
                + "\"configuration\":{\"url\":\"" + url + "\",\"secret_key\":\"whsec-0123456789abcdef\"}}}";
    }
}
