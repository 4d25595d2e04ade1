package dev.patron.query;

import org.junit.jupiter.api.Tag;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.security.AccessTokenFilter;
import dev.patron.kit.security.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query service as it runs: real HTTP on a random port, the real event store and read model on the in-memory
 * MongoDB server over TCP, real tokens. Each application context has a database of its own; test classes of the same
 * configuration share the context (Spring caches it), so they keep to ids of their own, and a class that lists
 * everything in a collection has a configuration of its own, hence a context and database of its own (a
 * {@code @TestPropertySource} naming it). Tests publish events to the event
 * store, as the command service would, and read through HTTP. Metrics are exported (Spring Boot tests switch
 * that off by default), since the Prometheus endpoint (on the management port) is part of what is tested.
 */
@Tag("integration")
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RunningQueryService {

    protected static final TestTokens TOKENS = TestTokens.start();
    private static final String AGGREGATE_TYPE = "Customer";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    protected int port;
    /** Health and metrics: a port of their own, as in production. */
    @LocalManagementPort
    protected int managementPort;
    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected MongoDatabase database;

    @DynamicPropertySource
    static void pointAtInMemoryMongo(DynamicPropertyRegistry registry) {
        registry.add("patron.mongo.uri", InMemoryMongo::connectionString);
        registry.add("patron.mongo.database", () -> "query-" + UUID.randomUUID());
        registry.add("patron.auth.jwks-uri", TOKENS::jwksUri);
    }

    protected void publish(String customerId, long sequence, Object payload, Instant at) {
        publish(AGGREGATE_TYPE, customerId, sequence, payload, at);
    }

    /** An event of any aggregate (a cart, an order), as the command service would append it. */
    protected void publish(String aggregateType, String aggregateId, long sequence, Object payload, Instant at) {
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, Map.of(),
                UUID.randomUUID().toString(), at));
    }

    /** Waits until the read-model document {@code _id} of the collection carries the event's version. */
    protected void awaitVersion(String collection, String id, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Document document = database.getCollection(collection).find(Filters.eq("_id", id)).first();
            return document != null && document.get("version", Number.class).longValue() >= version;
        });
    }

    /** Waits as the command service does for read-your-writes: until the document carries the event's version. */
    protected void awaitVersion(String customerId, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Document customer = database.getCollection("customers").find(Filters.eq("_id", customerId)).first();
            return customer != null && customer.get("version", Number.class).longValue() >= version;
        });
    }

    protected void awaitGone(String customerId) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                database.getCollection("customers").find(Filters.eq("_id", customerId)).first() == null);
    }

    /** GET with a back-office token; {@code pathAndQuery} must already be percent-encoded. */
    protected Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Authorization", "Bearer " + TOKENS.backOffice()).GET().build());
    }

    /** GET on the management port, without a token, as a health check or a metrics scraper asks. */
    protected Response management(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).GET().build());
    }

    /** GET with a storefront token and, unless {@code customerToken} is null, that customer token. */
    protected Response getAsStorefront(String pathAndQuery, String customerToken, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Authorization", "Bearer " + TOKENS.storefront());
        if (customerToken != null) {
            request.header(AccessTokenFilter.CUSTOMER_TOKEN_HEADER, customerToken);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.GET().build());
    }

    /** GET as the signed-in customer: a storefront token with their customer token. */
    protected Response getAsCustomer(String customerId, String pathAndQuery) {
        return getAsStorefront(pathAndQuery, TOKENS.customer(customerId));
    }

    protected static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new UncheckedIOException(notJson);
            }
        }
    }
}
