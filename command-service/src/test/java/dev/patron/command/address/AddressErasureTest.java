package dev.patron.command.address;

import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.address.AddressUpdated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Addresses are personal data of their customer: stored encrypted under the customer's data key, and erased with
 * the customer, from events and snapshots alike, while the audit skeleton of what happened stays.
 */
class AddressErasureTest extends AddressHttpTestBase {

    /**
     * Every part but the country code marked with a character base64 never uses, so that none can turn up in
     * ciphertext by chance.
     */
    private static final Map<String, Object> ADDRESS = marked(home());
    private static final String OTHER_LINE_2 = "Snakehole Lounge #";

    private static Map<String, Object> marked(Map<String, Object> parts) {
        parts.replaceAll((part, value) -> part.equals("country") ? value : value + " #");
        return parts;
    }

    @Test
    void addressesAreStoredEncryptedUnderTheCustomersKeyAndErasedWithTheCustomer() {
        String customerId = newCustomer();
        String addressId = json(api.post(addressesOf(customerId), addressJson(ADDRESS))).at("/data/id").asText();
        // Enough changes for a snapshot, which carries the address too.
        for (Object line2 : List.of(OTHER_LINE_2, ADDRESS.get("line_2"), OTHER_LINE_2, ADDRESS.get("line_2"))) {
            assertThat(api.put(address(customerId, addressId), addressJson(Map.of("line_2", line2))).statusCode())
                    .isEqualTo(200);
        }
        String[] personalData = Stream.concat(ADDRESS.values().stream(), Stream.of(OTHER_LINE_2))
                .map(String::valueOf).filter(part -> part.endsWith("#")).toArray(String[]::new);
        assertThat(personalData).hasSize(13);
        assertThat(database.getCollection("snapshots").countDocuments(Filters.eq("_id", addressId))).isEqualTo(1);
        assertThat(storedDocumentsOf(addressId)).allSatisfy(document ->
                assertThat(document.toJson()).doesNotContain(personalData));
        assertThat(database.getCollection(DataKeyStore.COLLECTION).countDocuments(Filters.eq("_id", addressId)))
                .isZero();
        assertThat(detailsOfEvents(addressId)).doesNotContainNull();

        assertThat(api.delete(CUSTOMERS + "/" + customerId).statusCode()).isEqualTo(204);

        assertThat(storedDocumentsOf(addressId)).hasSize(6).allSatisfy(document ->
                assertThat(document.toJson()).doesNotContain(personalData));
        assertThat(detailsOfEvents(addressId)).containsOnlyNulls();
        assertThat(eventStore.readEvents(addressId).asStream().toList()).isNotEmpty()
                .allSatisfy(event -> assertThat(event.getPayload().toString()).doesNotContain(personalData));
    }

    /** The address of every created and updated event, as Axon's event store reads it back. */
    private List<AddressCreated.Details> detailsOfEvents(String addressId) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(addressId, 0).asStream().toList();
        assertThat(events).extracting(event -> event.getPayloadType().getSimpleName())
                .containsExactly("AddressCreated", "AddressUpdated", "AddressUpdated", "AddressUpdated",
                        "AddressUpdated");
        List<AddressCreated.Details> details = new ArrayList<>();
        for (DomainEventMessage<?> event : events) {
            details.add(event.getPayload() instanceof AddressCreated created ? created.details()
                    : ((AddressUpdated) event.getPayload()).details());
        }
        return details;
    }

    /** Every event commit and snapshot of the address, as stored. */
    private List<Document> storedDocumentsOf(String addressId) {
        List<Document> documents = new ArrayList<>();
        database.getCollection("events").find(Filters.eq("aggregateId", addressId)).into(documents);
        database.getCollection("snapshots").find(Filters.eq("_id", addressId)).into(documents);
        return documents;
    }
}
