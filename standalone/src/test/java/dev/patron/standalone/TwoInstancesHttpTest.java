package dev.patron.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.command.CommandServiceApplication;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import dev.patron.progress.Projections;
import dev.patron.query.QueryServiceApplication;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of each service against one database, as {@code PATRON_COMMAND_PORT=8081,8083} runs them: the query
 * services share the projection through its token's claim (one holds it, the other stands by and knows its lag from
 * the stored token), each command service asks both how far the projection is, writes to one customer through both
 * command services are stored one after the other or refused 409, and when the instance holding the projection stops
 * the other takes it over. Killing instances (SIGKILL) under load is the crash test's part ({@code ./patron crash-test
 * --instances 2}).
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesHttpTest {

    private static final int CONTESTED_CUSTOMERS = 20;

    private static final List<ConfigurableApplicationContext> queryServices = new ArrayList<>();
    private static final List<ConfigurableApplicationContext> commandServices = new ArrayList<>();
    private static final List<Integer> commandPorts = new ArrayList<>();
    private static final List<Integer> queryPorts = new ArrayList<>();
    private static String authorization;

    @BeforeAll
    static void start() {
        String database = "two-instances-" + UUID.randomUUID();
        commandPorts.add(ServicesLayoutReadYourWritesTest.portBelowTheEphemeralRange());
        do {
            commandPorts.add(ServicesLayoutReadYourWritesTest.portBelowTheEphemeralRange());
        } while (commandPorts.get(1).equals(commandPorts.get(0)));
        for (int instance = 0; instance < 2; instance++) {
            ConfigurableApplicationContext query = new SpringApplicationBuilder(QueryServiceApplication.class)
                    .properties("spring.config.name=query-service")
                    .run("--server.port=0",
                            "--management.server.port=0",
                            "--patron.mongo.uri=" + InMemoryMongo.connectionString(),
                            "--patron.mongo.database=" + database,
                            "--patron.auth.jwks-uri=http://127.0.0.1:" + commandPorts.get(instance) + "/oauth/jwks");
            queryServices.add(query);
            queryPorts.add(port(query));
        }
        String everyQueryService = "http://127.0.0.1:" + queryPorts.get(0) + ",http://127.0.0.1:" + queryPorts.get(1);
        for (int instance = 0; instance < 2; instance++) {
            commandServices.add(new SpringApplicationBuilder(CommandServiceApplication.class)
                    .properties("spring.config.name=command-service")
                    .run("--server.port=" + commandPorts.get(instance),
                            "--management.server.port=0",
                            "--patron.mongo.uri=" + InMemoryMongo.connectionString(),
                            "--patron.mongo.database=" + database,
                            "--patron.client.id=" + RunningPatron.CLIENT_ID,
                            "--patron.client.secret=" + RunningPatron.CLIENT_SECRET,
                            "--patron.read-your-writes.query-service=" + everyQueryService));
        }
        // A token from either command service is good at every instance: they sign with the one key they share.
        authorization = "Bearer " + RunningPatron.accessToken(commandPorts.get(1));
    }

    @AfterAll
    static void stop() {
        commandServices.forEach(ConfigurableApplicationContext::close);
        queryServices.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    @Order(1)
    void oneQueryServiceHoldsTheProjectionAndEveryInstanceReadsEveryWriteAtOnce() {
        for (int round = 0; round < 6; round++) {
            String id = signUp(commands(round % 2), "Instance Round " + round);
            for (int instance = 0; instance < 2; instance++) {
                HttpResponse<String> read = reads(instance).get("/v2/customers/" + id);
                assertThat(read.statusCode()).as("round %d, query service %d: %s", round, instance + 1, read.body())
                        .isEqualTo(200);
            }
        }
        assertThat(queryServices.stream().filter(TwoInstancesHttpTest::holdsTheProjection)).hasSize(1);
        for (int instance = 0; instance < 2; instance++) {
            JsonNode readModel = ApiTestClient.json(reads(instance).get("/v2/read-models")).at("/data/0");
            assertThat(readModel.get("lag").isNumber()).as("query service %d: %s", instance + 1, readModel).isTrue();
        }
    }

    @Test
    @Order(2)
    void updatesOfOneCustomerThroughBothCommandServicesAreStoredInTurnOrRefusedNeverLost() {
        for (int customer = 0; customer < CONTESTED_CUSTOMERS; customer++) {
            String id = signUp(commands(0), "Contested " + customer);
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<HttpResponse<String>>> updates = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                ApiTestClient commands = commands(instance);
                String body = "{\"data\":{\"type\":\"customer\",\"name\":\"Contested " + customer + " via "
                        + (instance + 1) + "\"}}";
                updates.add(CompletableFuture.supplyAsync(() -> {
                    startTogether(together);
                    return commands.put("/v2/customers/" + id, body);
                }));
            }
            List<HttpResponse<String>> answers = updates.stream().map(CompletableFuture::join).toList();
            assertThat(answers).extracting(HttpResponse::statusCode).allMatch(status -> status == 200 || status == 409);

            // Each acknowledged update is in the history exactly once, a refused one not at all, and the customer
            // shows the one stored last.
            List<JsonNode> history = new ArrayList<>();
            ApiTestClient.json(reads(1).get("/v2/customers/" + id + "/history?page[limit]=100")).get("data")
                    .forEach(history::add);
            String lastStoredName = "Contested " + customer;
            for (HttpResponse<String> answer : answers) {
                String requestId = answer.headers().firstValue("X-Request-Id").orElseThrow();
                long stored = history.stream().filter(entry -> requestId.equals(entry.path("request_id").asText()))
                        .count();
                assertThat(stored).as("entries of request %s, answered %d", requestId, answer.statusCode())
                        .isEqualTo(answer.statusCode() == 200 ? 1 : 0);
            }
            for (JsonNode entry : history) {
                for (JsonNode change : entry.get("changes")) {
                    if ("name".equals(change.path("field").asText())) {
                        lastStoredName = change.path("after").asText();
                    }
                }
            }
            for (int instance = 0; instance < 2; instance++) {
                assertThat(ApiTestClient.json(reads(instance).get("/v2/customers/" + id)).at("/data/name").asText())
                        .isEqualTo(lastStoredName);
            }
        }
    }

    @Test
    @Order(3)
    void whenTheQueryServiceHoldingTheProjectionStopsTheOtherTakesItOver() {
        ConfigurableApplicationContext holder = queryServices.stream()
                .filter(TwoInstancesHttpTest::holdsTheProjection).findFirst().orElseThrow();
        int remaining = 1 - queryServices.indexOf(holder);
        holder.close();

        String email = "handed-over-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = commands(0).post("/v2/customers",
                "{\"data\":{\"type\":\"customer\",\"name\":\"Handed Over\",\"email\":\"" + email + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> holdsTheProjection(queryServices.get(remaining)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ApiTestClient.json(
                reads(remaining).get("/v2/customers?filter=eq(email," + email + ")")).at("/meta/results/total")
                .asInt()).isEqualTo(1));
        // Once it holds the projection, writes are read at once again, and exactly once.
        String id = signUp(commands(1), "After The Hand-over");
        HttpResponse<String> found = reads(remaining).get("/v2/customers?filter=eq(id," + id + ")");
        assertThat(ApiTestClient.json(found).at("/meta/results/total").asInt()).as(found.body()).isEqualTo(1);
    }

    private static boolean holdsTheProjection(ConfigurableApplicationContext queryService) {
        return queryService.isActive() && queryService.getBean(EventProcessingConfiguration.class)
                .eventProcessor(Projections.CUSTOMERS, StreamingEventProcessor.class)
                .map(processor -> !processor.processingStatus().isEmpty())
                .orElse(false);
    }

    private static String signUp(ApiTestClient commands, String name) {
        HttpResponse<String> created = commands.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":\""
                + name + "\",\"email\":\"two-" + UUID.randomUUID() + "@example.com\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiTestClient.json(created).at("/data/id").asText();
    }

    private static ApiTestClient commands(int instance) {
        return ApiTestClient.onPort(commandPorts.get(instance)).withHeader("Authorization", authorization);
    }

    private static ApiTestClient reads(int instance) {
        return ApiTestClient.onPort(queryPorts.get(instance)).withHeader("Authorization", authorization);
    }

    private static int port(ConfigurableApplicationContext service) {
        return Integer.parseInt(service.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static void startTogether(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("the two updates could not start together", e);
        }
    }
}
