package dev.patron.query.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.PasswordSet;
import dev.patron.query.RunningQueryService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The projection under its real tracking processor, fed from the event store: a failing event is parked instead of
 * stopping the processor and shows in health and metrics until a retry succeeds; a replay from the start changes
 * nothing that was right and restores what was lost; lag is measured.
 */
@TestPropertySource(properties = "patron.projection.dead-letter-retry-interval=PT1S")
@Import(CustomerProjectionProcessingTest.SlowHandler.class)
class CustomerProjectionProcessingTest extends RunningQueryService {

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private CustomerStore store;
    @Autowired
    private SlowHandler slowHandler;

    @Test
    void aFailingEventIsParkedWithTheRestOfItsCustomerWhileOthersGoOnUntilARetrySucceeds() {
        String broken = UUID.randomUUID().toString();
        String healthy = UUID.randomUUID().toString();
        Instant now = Instant.now();
        // The read model never saw this customer created: the update cannot be applied and is parked, and so is
        // the next event of the same customer, behind it.
        publish(broken, 1, new CustomerUpdated(broken, "Ann Perkins", "ann@pawnee.gov", null), now);
        publish(broken, 2, new PasswordSet(broken, "hash"), now);
        publish(healthy, 0, new CustomerCreated(healthy, "Chris Traeger", "chris@pawnee.gov", null), now);

        awaitVersion(healthy, 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterGauge() == 2);
        assertThat(get("/v2/customers/" + broken).status()).isEqualTo(404);
        Response health = management("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("DEGRADED");
        JsonNode projection = health.json().at("/components/customerProjection");
        assertThat(projection.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(projection.at("/details/deadLetters").asInt()).isEqualTo(2);
        assertThat(management("/actuator/health/readiness").json().get("status").asText()).isEqualTo("UP");

        // Someone restores the lost document; the periodic retry then applies both parked events in order.
        store.save(Optional.empty(),
                StoredCustomer.created(broken, 0, "Ann Perkins", "ann@example.com", null, Map.of(), now));
        awaitVersion(broken, 2);

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterGauge() == 0);
        JsonNode customer = get("/v2/customers/" + broken).json().get("data");
        assertThat(customer.get("email").asText()).isEqualTo("ann@pawnee.gov");
        assertThat(customer.get("password").asBoolean()).isTrue();
        assertThat(management("/actuator/health").json().at("/components/customerProjection/status").asText())
                .isEqualTo("UP");
    }

    @Test
    void aReplayFromTheStartRestoresALostDocumentAndMovesNoOtherBackwards() {
        String kept = UUID.randomUUID().toString();
        String lost = UUID.randomUUID().toString();
        String deleted = UUID.randomUUID().toString();
        Instant at = Instant.parse("2024-03-01T08:00:00.250Z");
        publish(kept, 0, new CustomerCreated(kept, "Donna Meagle", "donna@pawnee.gov", null), at);
        publish(kept, 1, new CustomerUpdated(kept, "Donna Meagle", "donna@meagle.com", "treat-yo-self"), at);
        publish(lost, 0, new CustomerCreated(lost, "Craig Middlebrooks", "craig@pawnee.gov", null), at);
        publish(deleted, 0, new CustomerCreated(deleted, "Mark Brendanawicz", "mark@pawnee.gov", null), at);
        publish(deleted, 1, new CustomerDeleted(deleted), at);
        awaitVersion(kept, 1);
        awaitVersion(lost, 0);
        awaitGone(deleted);
        List<Document> before = allCustomers();
        database.getCollection(CustomerStore.CUSTOMERS).deleteOne(Filters.eq("_id", lost));

        StreamingEventProcessor processor = processor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        awaitVersion(lost, 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> !processor.isReplaying() && lagEvents() == 0);
        assertThat(allCustomers()).isEqualTo(before);
        assertThat(get("/v2/customers/" + deleted).status()).isEqualTo(404);
    }

    @Test
    void lagIsMeasuredInEventsAndSecondsWhileTheProjectionIsBehind() throws InterruptedException {
        String slow = UUID.randomUUID().toString();
        String next = UUID.randomUUID().toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> lagEvents() == 0);
        assertThat(gauge("patron_projection_lag_seconds")).isZero();

        Instant now = Instant.now();
        slowHandler.hold(slow);
        publish(slow, 0, new CustomerCreated(slow, "Jean-Ralphio", "jr@pawnee.gov", null), now);
        publish(next, 0, new CustomerCreated(next, "Mona-Lisa", "ml@pawnee.gov", null), now);
        try {
            slowHandler.awaitHeld();
            assertThat(lagEvents()).isEqualTo(2);
            assertThat(gauge("patron_projection_lag_seconds")).isPositive();
        } finally {
            slowHandler.release();
        }

        awaitVersion(next, 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> lagEvents() == 0);
    }

    /** Holds the projection's thread on one customer's event, so the projection falls behind on purpose. */
    @TestComponent
    @ProcessingGroup(CustomerProjection.PROCESSING_GROUP)
    static class SlowHandler {
        private volatile String heldCustomer;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void hold(String customerId) {
            heldCustomer = customerId;
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            released.countDown();
        }

        @EventHandler
        void on(CustomerCreated event) throws InterruptedException {
            if (event.customerId().equals(heldCustomer)) {
                held.countDown();
                released.await(20, TimeUnit.SECONDS);
            }
        }
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(CustomerProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
    }

    private List<Document> allCustomers() {
        return database.getCollection(CustomerStore.CUSTOMERS).find().sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    private double lagEvents() {
        return gauge("patron_projection_lag_events");
    }

    private double deadLetterGauge() {
        return gauge("patron_projection_dead_letters");
    }

    /** Reads a gauge from the Prometheus endpoint, as the monitoring would. */
    private double gauge(String name) {
        Response scrape = management("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{[^}]*processor=\"customer-projection\"[^}]*} (\\S+)$")
                .matcher(scrape.body());
        assertThat(sample.find()).as(name + " in " + scrape.body()).isTrue();
        return Double.parseDouble(sample.group(1));
    }
}
