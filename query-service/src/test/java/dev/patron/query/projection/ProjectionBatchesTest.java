package dev.patron.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.address.AddressCreated.Details;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.eventstore.testing.RecordedCommands;
import dev.patron.eventstore.testing.RecordedCommands.Command;
import dev.patron.progress.Projections;
import dev.patron.query.RunningQueryService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link ProjectionBatches} with {@link BatchedCollection}: the customer projection applies a processor batch of events
 * as one, reading the documents the batch needs in a few {@code $in} lookups before it and writing what it changed in
 * one bulk write per collection after it (before the processor stores its token). What must hold: the read model is
 * exactly what applying the events one by one gives, the number of round trips is a handful per batch rather than
 * several per event, and an event that fails (parked in the dead-letter queue) takes nothing of the rest of its batch
 * with it, also when it is the batch's last event, after which the batch is written.
 * <p>
 * The service runs on a MongoClient of the test's, whose commands are recorded ({@link RecordedCommands}; the event
 * store's auto-configuration backs off for it). {@link ProjectionGate} holds the processor while a test appends
 * everything in one go, so that the processor then finds all of it at once and takes it as one batch;
 * {@link BatchRecorder} shows which batches the processor really made.
 */
@Import({ProjectionGate.class, ProjectionBatchesTest.BatchRecorder.class, ProjectionBatchesTest.RecordingClient.class})
class ProjectionBatchesTest extends RunningQueryService {

    private static final RecordedCommands COMMANDS = new RecordedCommands();
    /** The test's own reads go through a client of its own, so that only the service's commands are recorded. */
    private static final MongoClient UNRECORDED = MongoClients.create(InMemoryMongo.connectionString());
    private static final String CUSTOMERS = "customers";
    private static final String ADDRESSES = "customer_addresses";
    private static final Instant AT = Instant.parse("2025-03-01T09:30:00.250Z");

    @Autowired
    private ProjectionGate gate;
    @Autowired
    private BatchRecorder batches;
    @Autowired
    private EventProcessingConfiguration processing;

    @AfterEach
    void releaseTheProcessor() {
        gate.release();
    }

    @Test
    void aBatchOfManyEventsIsAppliedCorrectlyWithAHandfulOfRoundTrips() throws InterruptedException {
        List<String> customers = new ArrayList<>();
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String customerId = UUID.randomUUID().toString();
            customers.add(customerId);
            events.add(customerEvent(customerId, 0,
                    new CustomerCreated(customerId, "Customer " + i, "customer-" + i + "-" + customerId + "@example.com",
                            i % 3 == 0 ? "crm-" + customerId : null)));
        }
        Map<String, String> addressOf = new LinkedHashMap<>();
        for (int i = 0; i < 300; i += 3) {
            String addressId = UUID.randomUUID().toString();
            addressOf.put(customers.get(i), addressId);
            events.add(addressEvent(addressId, new AddressCreated(addressId, customers.get(i), details("Street " + i))));
        }
        String held = holdTheProjection();
        // Published as the command service would (its data key writes are not the projection's), then recorded.
        eventStore.publish(events);
        COMMANDS.clear();
        gate.release();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                readModel().getCollection(CUSTOMERS).countDocuments(Filters.in("_id", customers)) == customers.size()
                        && addressesShown(addressOf));
        // The customers are written last: the batch is written whole. What it cost, before the API is asked anything.
        List<Command> sent = COMMANDS.commands();

        // Correct: every customer and address as its event says.
        for (int i = 0; i < customers.size(); i++) {
            Document customer = readModel().getCollection(CUSTOMERS).find(Filters.eq("_id", customers.get(i))).first();
            assertThat(customer).isNotNull();
            assertThat(customer.getString("name")).isEqualTo("Customer " + i);
            assertThat(customer.getString("email")).isEqualTo("customer-" + i + "-" + customers.get(i) + "@example.com");
            assertThat(customer.getString("externalRef")).isEqualTo(i % 3 == 0 ? "crm-" + customers.get(i) : null);
            assertThat(customer.get("version", Number.class).longValue()).isZero();
        }
        for (int i = 0; i < 300; i += 3) {
            Document addresses = readModel().getCollection(ADDRESSES).find(Filters.eq("_id", customers.get(i))).first();
            Document address = addresses.get("addresses", Document.class).get(addressOf.get(customers.get(i)), Document.class);
            assertThat(address.get("details", Document.class).getString("line1")).isEqualTo("Street " + i);
        }
        JsonNode byEmail = get("/v2/customers?filter=" + URLEncoder.encode(
                "eq(email,customer-150-" + customers.get(150) + "@example.com)", StandardCharsets.UTF_8)).json();
        assertThat(byEmail.get("data")).singleElement().satisfies(found ->
                assertThat(found.get("id").asText()).isEqualTo(customers.get(150)));
        JsonNode byRef = get("/v2/customers?filter=" + URLEncoder.encode(
                "eq(external_ref,crm-" + customers.get(33) + ")", StandardCharsets.UTF_8)).json();
        assertThat(byRef.get("data")).singleElement().satisfies(found ->
                assertThat(found.get("id").asText()).isEqualTo(customers.get(33)));

        // Cheap: the processor made few batches of the 400 events, and each cost a handful of commands.
        // (The commands counted include the end of the held batch: one more write per collection.)
        List<List<EventMessage<?>>> made = batches.batchesAfter(held);
        assertThat(made.stream().mapToInt(List::size).sum()).isEqualTo(events.size());
        assertThat(made).as("batches").hasSizeLessThanOrEqualTo(2);
        String db = database.getName();
        List<Command> onCustomers = on(sent, db, CUSTOMERS);
        assertThat(onCustomers).as("commands on customers for %s events", events.size())
                .hasSizeLessThanOrEqualTo(1 + 3 * made.size());
        assertThat(onCustomers).filteredOn(command -> command.name().equals("find")).as("lookups of customers")
                .hasSize(made.size()).allSatisfy(find -> assertThat(find.filter().toJson()).contains("$in"));
        // New customers are inserted, customers the batch found stored (the held one) replaced: per batch at most
        // one insert and one update command.
        List<Command> writes = onCustomers.stream()
                .filter(command -> command.name().equals("insert") || command.name().equals("update")).toList();
        assertThat(writes).hasSizeLessThanOrEqualTo(1 + 2 * made.size());
        assertThat(writes.stream().mapToInt(write -> write.document()
                        .getArray(write.name().equals("insert") ? "documents" : "updates").size()).sum())
                .as("documents written: each customer once, and the held one").isEqualTo(customers.size() + 1);
        assertThat(on(sent, db, ADDRESSES)).hasSizeLessThanOrEqualTo(1 + 2 * made.size())
                .filteredOn(command -> command.name().equals("find")).as("lookups of addresses").hasSize(made.size());
        assertThat(on(sent, db, "customer_emails")).hasSizeLessThanOrEqualTo(1 + 2 * made.size());
        assertThat(on(sent, db, "customer_external_refs")).hasSizeLessThanOrEqualTo(1 + 2 * made.size());
        assertThat(on(sent, db, "data_keys")).as("data key lookups of the batch").hasSizeLessThanOrEqualTo(made.size());
    }

    @Test
    void aBatchWhoseLastEventFailsIsWrittenAndOnlyTheFailingEventIsParked() throws InterruptedException {
        List<String> customers = new ArrayList<>();
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String customerId = UUID.randomUUID().toString();
            customers.add(customerId);
            events.add(customerEvent(customerId, 0,
                    new CustomerCreated(customerId, "Batch " + i, "batch-" + customerId + "@example.com", null)));
        }
        // The read model never saw this customer created: its update cannot be applied and is parked.
        String broken = UUID.randomUUID().toString();
        EventMessage<?> failing = customerEvent(broken, 1,
                new CustomerUpdated(broken, "Tom Haverford", "tom@example.com", null));
        events.add(failing);
        String held = holdTheProjection();

        eventStore.publish(events);
        gate.release();

        await().atMost(Duration.ofSeconds(30)).until(() -> processing.deadLetterQueue(Projections.CUSTOMERS)
                .orElseThrow().contains(broken));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                readModel().getCollection(CUSTOMERS).countDocuments(Filters.in("_id", customers)) == customers.size());
        // The failing event really was the last of the batch that held the others.
        assertThat(batches.batchesAfter(held)).singleElement().satisfies(batch -> {
            assertThat(batch).hasSize(events.size());
            assertThat(batch.get(batch.size() - 1).getIdentifier()).isEqualTo(failing.getIdentifier());
        });
        for (String customerId : customers) {
            assertThat(get("/v2/customers/" + customerId).status()).isEqualTo(200);
        }
        assertThat(get("/v2/customers/" + broken).status()).isEqualTo(404);
        assertThat(processing.deadLetterQueue(Projections.CUSTOMERS).orElseThrow().sequenceSize(broken)).isEqualTo(1);
        assertThat(processing.deadLetterQueue(Projections.CUSTOMERS).orElseThrow().contains(customers.get(19))).isFalse();
    }

    private MongoDatabase readModel() {
        return UNRECORDED.getDatabase(database.getName());
    }

    private static List<Command> on(List<Command> sent, String database, String collection) {
        return sent.stream().filter(command -> command.on(database, collection)).toList();
    }

    private boolean addressesShown(Map<String, String> addressOf) {
        for (Map.Entry<String, String> entry : addressOf.entrySet()) {
            Document addresses = readModel().getCollection(ADDRESSES).find(Filters.eq("_id", entry.getKey())).first();
            if (addresses == null || addresses.get("addresses", Document.class).get(entry.getValue()) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Holds the processor on an event of its own, so that what is published next waits behind it, and forgets the
     * batches recorded so far; the held customer's id.
     */
    private String holdTheProjection() throws InterruptedException {
        String held = UUID.randomUUID().toString();
        gate.holdAt(held);
        publish(held, 0, new CustomerCreated(held, "Held", held + "@example.com", null), AT);
        gate.awaitHeld();
        batches.clear();
        return held;
    }

    private static EventMessage<?> customerEvent(String customerId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Customer", customerId, sequence, payload, Map.of(),
                UUID.randomUUID().toString(), AT);
    }

    private static EventMessage<?> addressEvent(String addressId, Object payload) {
        return new GenericDomainEventMessage<>("CustomerAddress", addressId, 0, payload, Map.of(),
                UUID.randomUUID().toString(), AT);
    }

    private static Details details(String line1) {
        return new Details("home", "Ann", "Perkins", null, null, null, line1, null, "Pawnee", null, "Indiana", "47998",
                "US");
    }

    /** The service's MongoClient, recording its commands. */
    @TestConfiguration
    static class RecordingClient {
        @Bean(destroyMethod = "close")
        MongoClient recordingMongoClient() {
            return COMMANDS.client(InMemoryMongo.connectionString());
        }
    }

    /** Records the batches the customer projection's processor applied (those with customers or addresses created). */
    @TestComponent
    @ProcessingGroup(Projections.CUSTOMERS)
    static class BatchRecorder {

        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<List<EventMessage<?>>> batches = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(CustomerCreated event) {
            record();
        }

        @EventHandler
        void on(AddressCreated event) {
            record();
        }

        private synchronized void record() {
            if (CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch && seen.add(batch)) {
                List<EventMessage<?>> messages = new ArrayList<>();
                batch.getMessages().forEach(message -> messages.add((EventMessage<?>) message));
                batches.add(List.copyOf(messages));
            }
        }

        synchronized void clear() {
            seen.clear();
            batches.clear();
        }

        /** The batches recorded, but the one holding the creation of {@code heldCustomer}. */
        List<List<EventMessage<?>>> batchesAfter(String heldCustomer) {
            return batches.stream().filter(batch -> batch.stream().noneMatch(event ->
                    event.getPayload() instanceof CustomerCreated created
                            && created.customerId().equals(heldCustomer))).toList();
        }
    }
}
