package dev.patron.query.projection;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.sources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.eventstore.CommitPosition;
import dev.patron.kit.web.ApiTestClient;
import dev.patron.progress.ProjectionProgress;
import dev.patron.progress.Projections;
import dev.patron.query.RunningQueryService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Read-your-writes on the query side: {@link ProcessedPositions} answers whether the customer projection has processed
 * a position of the event log, and completes a waiting writer as soon as it has, and
 * {@code GET /internal/projections/{projection}/processed} offers the same to command services in other processes.
 * A writer told "processed" must find its write in the read model, so the answer may come only once the batch holding
 * the event was written. The position is the one a writer gets: {@link CommitPosition} of the unit of work that
 * published the event to the real event store.
 * <p>
 * {@link ProjectionGate} holds the processor where a test needs the projection to be behind for certain.
 */
@Import(ProjectionGate.class)
class ProjectionProgressTest extends RunningQueryService {

    private static final String CUSTOMERS = Projections.CUSTOMERS;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private ProjectionProgress progress;
    @Autowired
    private ProjectionGate gate;

    @AfterEach
    void releaseTheProcessor() {
        gate.release();
    }

    @Test
    void whenProcessedCompletesTrueOnceTheReadModelShowsTheEvent() throws Exception {
        holdTheProjection();
        String customerId = UUID.randomUUID().toString();
        long position = publishCreated(customerId);

        CompletableFuture<Boolean> processed = progress.whenProcessed(CUSTOMERS, position, Duration.ofSeconds(20));
        // Evaluated the moment the future completes (it is not complete yet: the processor is held).
        CompletableFuture<Boolean> documentThereOnCompletion = processed.thenApply(done -> customerDocumentExists(customerId));
        assertThat(processed).as("completed while the projection is held before the event").isNotDone();
        assertThat(customerDocumentExists(customerId)).isFalse();

        gate.release();

        assertThat(processed).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(true);
        assertThat(documentThereOnCompletion).succeedsWithin(Duration.ofSeconds(1)).isEqualTo(true);
    }

    @Test
    void anAlreadyProcessedPositionCompletesTrueAtOnce() {
        String customerId = UUID.randomUUID().toString();
        long position = publishCreated(customerId);
        awaitVersion(customerId, 0);

        CompletableFuture<Boolean> processed = progress.whenProcessed(CUSTOMERS, position, Duration.ZERO);

        assertThat(processed).isCompletedWithValue(true);
    }

    @Test
    void whenProcessedForAPositionFarBeyondTheHeadCompletesFalseAfterTheTimeout() {
        long beyondTheHead = eventStore.createHeadToken().position().orElseThrow() + 1_000_000;
        long started = System.nanoTime();

        CompletableFuture<Boolean> processed = progress.whenProcessed(CUSTOMERS, beyondTheHead, Duration.ofMillis(400));

        assertThat(processed).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(false);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void whenProcessedForAnUnknownProjectionFailsWithIllegalArgument() {
        CompletableFuture<Boolean> processed = progress.whenProcessed("no-such-projection", 1, Duration.ofSeconds(5));

        assertThat(processed).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEndpointAnswersOnceTheProjectionHasProcessedThePosition() throws Exception {
        holdTheProjection();
        String customerId = UUID.randomUUID().toString();
        long position = publishCreated(customerId);
        CompletableFuture<HttpResponse<String>> waiting =
                HTTP.sendAsync(progressRequest(CUSTOMERS, position, 20_000).build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> notYet = send(progressRequest(CUSTOMERS, position, 300));
        assertThat(notYet.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(notYet.body())).isEqualTo(answer(CUSTOMERS, position, false));
        assertThat(waiting).as("answered while the projection is behind").isNotDone();

        gate.release();

        HttpResponse<String> answered = waiting.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answered.body())).isEqualTo(answer(CUSTOMERS, position, true));
        assertThat(customerDocumentExists(customerId)).isTrue();
    }

    @Test
    void theEndpointAnswersFalseWhenTheWaitRunsOut() throws Exception {
        long beyondTheHead = eventStore.createHeadToken().position().orElseThrow() + 1_000_000;

        HttpResponse<String> response = send(progressRequest(CUSTOMERS, beyondTheHead, 200));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(answer(CUSTOMERS, beyondTheHead, false));
    }

    @Test
    void theEndpointAcceptsTheLongestWaitAndAnswersAtOnceForAProcessedPosition() throws Exception {
        String customerId = UUID.randomUUID().toString();
        long position = publishCreated(customerId);
        awaitVersion(customerId, 0);

        HttpResponse<String> response = send(progressRequest(CUSTOMERS, position, 30_000));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(answer(CUSTOMERS, position, true));
    }

    @Test
    void anUnknownProjectionIsNotFoundInTheContractFormat() {
        HttpResponse<String> response = send(progressRequest("no-such-projection", 1, 0));

        errors(response, 404);
        assertThat(response.body()).contains("no-such-projection");
    }

    @Test
    void aNegativePositionOrAWaitOverThirtySecondsIsABadRequest() {
        errors(send(progressRequest(CUSTOMERS, -1, 0)), 400, "position");
        errors(send(progressRequest(CUSTOMERS, 1, 30_001)), 400, "wait_ms");
        errors(send(progressRequest(CUSTOMERS, 1, -1)), 400, "wait_ms");
        errors(send(request("/internal/projections/" + CUSTOMERS + "/processed?position=soon")
                .header("Authorization", "Bearer " + TOKENS.backOffice())), 400);
        errors(send(request("/internal/projections/" + CUSTOMERS + "/processed")
                .header("Authorization", "Bearer " + TOKENS.backOffice())), 400);
    }

    @Test
    void theEndpointNeedsABackOfficeToken() {
        String path = "/internal/projections/" + CUSTOMERS + "/processed?position=1&wait_ms=0";

        errors(send(request(path)), 401);
        errors(send(request(path).header("Authorization", "Bearer " + TOKENS.expiredBackOffice())), 401);
        errors(send(request(path).header("Authorization", "Bearer " + TOKENS.storefront())), 403);
        assertThat(send(request(path).header("Authorization", "Bearer " + TOKENS.backOffice())).statusCode())
                .isEqualTo(200);
    }

    /** Holds the processor on an event of its own, so that what is published next waits behind it. */
    private void holdTheProjection() throws InterruptedException {
        String held = UUID.randomUUID().toString();
        gate.holdAt(held);
        publishCreated(held);
        gate.awaitHeld();
    }

    /** Publishes a customer's creation the way the command side does, in a unit of work; its commit position. */
    private long publishCreated(String customerId) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("create"));
        publish(customerId, 0, new CustomerCreated(customerId, "Ann Perkins", customerId + "@example.com", null),
                Instant.now());
        unitOfWork.commit();
        return CommitPosition.of(unitOfWork).orElseThrow();
    }

    private boolean customerDocumentExists(String customerId) {
        return database.getCollection("customers").find(Filters.eq("_id", customerId)).first() != null;
    }

    private HttpRequest.Builder progressRequest(String projection, long position, long waitMillis) {
        return request("/internal/projections/" + projection + "/processed?position=" + position + "&wait_ms="
                + waitMillis).header("Authorization", "Bearer " + TOKENS.backOffice());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return ApiTestClient.onPort(port).send(request);
    }

    /** The answer as the contract spells it. */
    private static JsonNode answer(String projection, long position, boolean processed) throws Exception {
        return JSON.readTree("{\"projection\":\"" + projection + "\",\"position\":" + position + ",\"processed\":"
                + processed + "}");
    }
}
