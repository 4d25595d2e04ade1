package dev.patron.command.customer;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import dev.patron.eventstore.privacy.PersonalDataCipher;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.PasswordSet;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deleting a customer erases their personal data from the event store for good: no stored event, snapshot or
 * event read back through Axon still holds any of it, while the audit skeleton of what happened stays.
 */
class CustomerErasureTest extends CustomerHttpTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private CommandGateway commandGateway;

    @DynamicPropertySource
    static void inMemoryMongo(DynamicPropertyRegistry registry) {
        registry.add("patron.mongo.uri", InMemoryMongo::connectionString);
    }

    @Test
    void afterDeleteNoPersonalDataCanBeReadBackFromTheEventStore() {
        String email = freshEmail();
        String changedEmail = freshEmail();
        String id = json(api.post(CUSTOMERS, customerJson("Ron Swanson", email, "Lagavulin-16-years", "crm-ron-42")))
                .at("/data/id").asText();
        // Enough changes for a snapshot, which carries personal data too.
        for (int change = 1; change <= 4; change++) {
            api.put(CUSTOMERS + "/" + id, customerJson("Ron Swanson " + change, null, null, null));
        }
        api.put(CUSTOMERS + "/" + id, customerJson("Duke Silver", changedEmail, "Another-password-99", "crm-duke-7"));
        List<String> personalData = new ArrayList<>(List.of("Ron Swanson", "Duke Silver", email, changedEmail,
                "crm-ron-42", "crm-duke-7"));
        personalData.addAll(passwordHashes(id));
        assertThat(personalData).hasSize(8);
        assertThat(database.getCollection("snapshots").countDocuments(Filters.eq("_id", id))).isEqualTo(1);

        assertThat(api.delete(CUSTOMERS + "/" + id).statusCode()).isEqualTo(204);

        assertThat(storedDocumentsOf(id)).isNotEmpty().allSatisfy(document ->
                assertThat(document.toJson().toLowerCase()).doesNotContain(lowerCase(personalData)));
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(id, 0).asStream().toList();
        assertThat(events).extracting(DomainEventMessage::getSequenceNumber)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(events).extracting(event -> event.getPayloadType().getSimpleName()).containsExactly(
                "CustomerCreated", "PasswordSet", "CustomerUpdated", "CustomerUpdated", "CustomerUpdated",
                "CustomerUpdated", "CustomerUpdated", "PasswordSet", "CustomerDeleted");
        assertThat(events).allSatisfy(event -> assertErased(event.getPayload(), id));
        assertThat(eventStore.readEvents(id).asStream().toList()).isNotEmpty()
                .allSatisfy(event -> assertThat(event.getPayload().toString()).doesNotContain(personalData));
    }

    /**
     * The credentials are an entity inside the aggregate, so a snapshot holds them as one nested value: encrypted
     * whole, hash, failures and lockout alike, read back whole while the customer's key lives and as nothing after.
     */
    @Test
    void aSnapshotHoldsTheCredentialsOnlyEncryptedAndNothingOfThemOutlivesErasure() throws Exception {
        String id = json(api.post(CUSTOMERS, customerJson("Ron Swanson", freshEmail(), "Lagavulin-16-years", null)))
                .at("/data/id").asText();
        for (int change = 1; change <= 4; change++) {
            api.put(CUSTOMERS + "/" + id, customerJson("Ron Swanson " + change, null, null, null));
        }
        String passwordHash = passwordHashes(id).get(0);
        Document stored = database.getCollection("snapshots").find(Filters.eq("_id", id)).first();
        assertThat(stored).isNotNull();
        JsonNode state = JSON.readTree(stored.getString("payload"));

        assertThat(PersonalDataCipher.isEncrypted(state.get("credentials").textValue())).isTrue();
        assertThat(stored.toJson()).doesNotContain(passwordHash, "passwordHash", "credentialVersion");
        DomainEventMessage<?> snapshot = eventStore.readEvents(id).next();
        assertThat(snapshot.getSequenceNumber()).isEqualTo(stored.getLong("sequence"));
        assertThat(snapshot.getPayload()).extracting("credentials.passwordHash").isEqualTo(passwordHash);

        assertThat(api.delete(CUSTOMERS + "/" + id).statusCode()).isEqualTo(204);

        DomainEventMessage<?> snapshotAfterErasure = eventStore.readEvents(id).next();
        assertThat(snapshotAfterErasure.getSequenceNumber()).isEqualTo(stored.getLong("sequence"));
        assertThat(snapshotAfterErasure.getPayload()).isInstanceOf(Customer.class)
                .extracting("credentials", "name", "email").containsOnlyNulls();
    }

    @Test
    void retriedDeleteFinishesAnErasureThatWasInterrupted() {
        String email = freshEmail();
        String id = json(api.post(CUSTOMERS, customerJson("Leslie Knope", email, null, "crm-leslie")))
                .at("/data/id").asText();
        // The deletion is stored, but the process stops before erasing (as if it crashed right there).
        commandGateway.sendAndWait(new DeleteCustomer(id));
        assertThat(eventStore.readEvents(id, 0).next().getPayload())
                .isEqualTo(new CustomerCreated(id, "Leslie Knope", email, "crm-leslie"));

        errors(api.delete(CUSTOMERS + "/" + id), 404);

        assertThat(eventStore.readEvents(id, 0).asStream().toList())
                .allSatisfy(event -> assertErased(event.getPayload(), id));
    }

    private List<String> passwordHashes(String customerId) {
        return eventStore.readEvents(customerId, 0).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(PasswordSet.class::isInstance)
                .map(payload -> ((PasswordSet) payload).passwordHash())
                .toList();
    }

    /** Every event commit and snapshot of the customer, as stored. */
    private List<Document> storedDocumentsOf(String customerId) {
        List<Document> documents = new ArrayList<>();
        database.getCollection("events").find(Filters.eq("aggregateId", customerId)).into(documents);
        database.getCollection("snapshots").find(Filters.eq("_id", customerId)).into(documents);
        return documents;
    }

    private static void assertErased(Object payload, String customerId) {
        if (payload instanceof CustomerCreated created) {
            assertThat(created).isEqualTo(new CustomerCreated(customerId, null, null, null));
        } else if (payload instanceof CustomerUpdated updated) {
            assertThat(updated).isEqualTo(new CustomerUpdated(customerId, null, null, null));
        } else if (payload instanceof PasswordSet passwordSet) {
            assertThat(passwordSet).isEqualTo(new PasswordSet(customerId, null));
        } else {
            assertThat(payload).isEqualTo(new CustomerDeleted(customerId));
        }
    }

    private static String[] lowerCase(List<String> values) {
        return values.stream().map(String::toLowerCase).toArray(String[]::new);
    }
}
