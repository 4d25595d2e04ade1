package dev.patron.query.address;

import dev.patron.contract.ErrorDetails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.address.AddressCreated.Details;
import dev.patron.events.address.AddressDeleted;
import dev.patron.events.address.AddressUpdated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.query.RunningQueryService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v2/customers/:customerId/addresses[/:addressId]} over real HTTP, on addresses the service's own
 * projection built from events published to the event store, as the command service would publish them.
 */
class AddressApiTest extends RunningQueryService {

    private static final String RON = "a1000000-0000-4000-8000-000000000001";
    private static final String LESLIE = "a1000000-0000-4000-8000-000000000002";
    private static final String JERRY = "a1000000-0000-4000-8000-000000000003";
    private static final String APRIL = "a1000000-0000-4000-8000-000000000004";
    private static final String RONS_HOME = "ad000000-0000-4000-8000-000000000001";
    private static final String RONS_CABIN = "ad000000-0000-4000-8000-000000000002";
    private static final String RONS_OLD_OFFICE = "ad000000-0000-4000-8000-000000000003";
    private static final String LESLIES_HOME = "ad000000-0000-4000-8000-000000000004";
    private static final String JERRYS_HOME = "ad000000-0000-4000-8000-000000000005";
    private static final Instant T0 = Instant.parse("2021-06-01T10:00:00.617Z");

    private static final Details HOME = new Details("home", "Ron", "Swanson", "Very Good Building Co.",
            "+1 317 555 0199", "Leave it by the woodshed", "1 Sycamore Lane", "Flat 2", "Pawnee", "Wamapoke",
            "Indiana", "47998", "US");
    private static final Details CABIN = new Details("cabin", "Ron", "Swanson", null, null, null,
            "Cabin in the woods", null, null, null, null, "47998", "US");

    @BeforeAll
    void addresses() {
        publish(RON, 0, new CustomerCreated(RON, "Ron Swanson", "ron@swanson.example", null), T0);
        publish(LESLIE, 0, new CustomerCreated(LESLIE, "Leslie Knope", "leslie@pawnee.example", null), T0);
        publish(JERRY, 0, new CustomerCreated(JERRY, "Jerry Gergich", "jerry@pawnee.example", null), T0);
        publish(APRIL, 0, new CustomerCreated(APRIL, "April Ludgate", "april@pawnee.example", null), T0);
        publishAddress(RONS_CABIN, 0, new AddressCreated(RONS_CABIN, RON, CABIN), T0.plusSeconds(2));
        publishAddress(RONS_HOME, 0, new AddressCreated(RONS_HOME, RON, CABIN), T0.plusSeconds(1));
        publishAddress(RONS_HOME, 1, new AddressUpdated(RONS_HOME, RON, HOME), T0.plusSeconds(5));
        publishAddress(RONS_OLD_OFFICE, 0, new AddressCreated(RONS_OLD_OFFICE, RON, CABIN), T0.plusSeconds(3));
        publishAddress(RONS_OLD_OFFICE, 1, new AddressDeleted(RONS_OLD_OFFICE, RON), T0.plusSeconds(4));
        publishAddress(LESLIES_HOME, 0, new AddressCreated(LESLIES_HOME, LESLIE, CABIN), T0);
        publishAddress(JERRYS_HOME, 0, new AddressCreated(JERRYS_HOME, JERRY, CABIN), T0);
        publish(JERRY, 1, new CustomerDeleted(JERRY), T0.plusSeconds(6));
        awaitAddressVersion(RON, RONS_HOME, 1);
        awaitAddressVersion(RON, RONS_OLD_OFFICE, 1);
        awaitAddressVersion(LESLIE, LESLIES_HOME, 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> readModelOf(JERRY).getBoolean("customerDeleted", false));
    }

    private void publishAddress(String addressId, long sequence, Object payload, Instant at) {
        eventStore.publish(new GenericDomainEventMessage<>("CustomerAddress", addressId, sequence, payload, Map.of(),
                UUID.randomUUID().toString(), at));
    }

    /** Waits as the command service does for read-your-writes. */
    private void awaitAddressVersion(String customerId, String addressId, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Document customer = readModelOf(customerId);
            Number applied = customer == null ? null
                    : customer.getEmbedded(List.of("addresses", addressId, "version"), Number.class);
            return applied != null && applied.longValue() >= version;
        });
    }

    private Document readModelOf(String customerId) {
        return database.getCollection("customer_addresses").find(Filters.eq("_id", customerId)).first();
    }

    private static String addressesOf(String customerId) {
        return "/v2/customers/" + customerId + "/addresses";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertNotFound(Response response, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.json().at("/errors/0/detail").asText()).isEqualTo(detail);
    }

    @Test
    void oneAddressHasExactlyTheContractsShape() {
        Response response = get(addressesOf(RON) + "/" + RONS_HOME);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(fieldNames(response.json())).containsExactly("data");
        JsonNode address = response.json().get("data");
        assertThat(fieldNames(address)).containsExactly("type", "id", "name", "first_name", "last_name",
                "company_name", "phone_number", "instructions", "line_1", "line_2", "city", "county", "region",
                "postcode", "country", "meta");
        assertThat(address.get("type").asText()).isEqualTo("address");
        assertThat(address.get("id").asText()).isEqualTo(RONS_HOME);
        assertThat(address.get("name").asText()).isEqualTo("home");
        assertThat(address.get("first_name").asText()).isEqualTo("Ron");
        assertThat(address.get("last_name").asText()).isEqualTo("Swanson");
        assertThat(address.get("company_name").asText()).isEqualTo("Very Good Building Co.");
        assertThat(address.get("phone_number").asText()).isEqualTo("+1 317 555 0199");
        assertThat(address.get("instructions").asText()).isEqualTo("Leave it by the woodshed");
        assertThat(address.get("line_1").asText()).isEqualTo("1 Sycamore Lane");
        assertThat(address.get("line_2").asText()).isEqualTo("Flat 2");
        assertThat(address.get("city").asText()).isEqualTo("Pawnee");
        assertThat(address.get("county").asText()).isEqualTo("Wamapoke");
        assertThat(address.get("region").asText()).isEqualTo("Indiana");
        assertThat(address.get("postcode").asText()).isEqualTo("47998");
        assertThat(address.get("country").asText()).isEqualTo("US");
        assertThat(address.at("/meta/timestamps/created_at").asText()).isEqualTo("2021-06-01T10:00:01.617Z");
        assertThat(address.at("/meta/timestamps/updated_at").asText()).isEqualTo("2021-06-01T10:00:05.617Z");
    }

    @Test
    void partsNotGivenAreNull() {
        JsonNode address = get(addressesOf(RON) + "/" + RONS_CABIN).json().get("data");

        assertThat(address.get("company_name").isNull()).isTrue();
        assertThat(address.get("city").isNull()).isTrue();
    }

    @Test
    void theListHoldsTheCustomersAddressesOldestFirstInTheListEnvelope() {
        Response response = get(addressesOf(RON));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode list = response.json();
        assertThat(fieldNames(list)).containsExactly("data", "meta", "links");
        assertThat(list.get("data")).extracting(address -> address.get("id").asText())
                .containsExactly(RONS_HOME, RONS_CABIN);
        assertThat(list.get("data").get(0)).isEqualTo(get(addressesOf(RON) + "/" + RONS_HOME).json().get("data"));
        assertThat(list.at("/meta/results/total").asLong()).isEqualTo(2);
        assertThat(list.at("/meta/page/total").asLong()).isEqualTo(1);
        assertThat(list.at("/links/first").asText())
                .endsWith(addressesOf(RON) + "?page%5Blimit%5D=25&page%5Boffset%5D=0");
    }

    @Test
    void theListComesAPageAtATime() {
        JsonNode page = get(addressesOf(RON) + "?page%5Blimit%5D=1&page%5Boffset%5D=1").json();

        assertThat(page.get("data")).extracting(address -> address.get("id").asText()).containsExactly(RONS_CABIN);
        assertThat(page.at("/meta/results/total").asLong()).isEqualTo(2);
        assertThat(page.at("/meta/page/current").asLong()).isEqualTo(2);
        assertThat(page.at("/links/next").isNull()).isTrue();
        assertThat(page.at("/links/prev").asText()).endsWith("?page%5Blimit%5D=1&page%5Boffset%5D=0");
    }

    @Test
    void aBadPageIsABadRequest() {
        Response response = get(addressesOf(RON) + "?page%5Blimit%5D=101");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/source").asText()).isEqualTo("page[limit]");
    }

    @Test
    void aCustomerWithoutAddressesHasAnEmptyList() {
        JsonNode list = get(addressesOf(APRIL)).json();

        assertThat(list.get("data")).isEmpty();
        assertThat(list.at("/meta/results/total").asLong()).isZero();
    }

    @Test
    void anotherCustomersAddressIsNotFound() {
        assertNotFound(get(addressesOf(LESLIE) + "/" + RONS_HOME), ErrorDetails.ADDRESS_NOT_FOUND);
        assertThat(get(addressesOf(LESLIE)).json().get("data"))
                .extracting(address -> address.get("id").asText()).containsExactly(LESLIES_HOME);
    }

    @Test
    void aDeletedAddressIsNotFound() {
        assertNotFound(get(addressesOf(RON) + "/" + RONS_OLD_OFFICE), ErrorDetails.ADDRESS_NOT_FOUND);
    }

    @Test
    void anUnknownAddressIsNotFound() {
        assertNotFound(get(addressesOf(RON) + "/" + UUID.randomUUID()), ErrorDetails.ADDRESS_NOT_FOUND);
    }

    @Test
    void anUnknownCustomerHasNoAddressesToList() {
        assertNotFound(get(addressesOf(UUID.randomUUID().toString())), ErrorDetails.CUSTOMER_NOT_FOUND);
    }

    @Test
    void aDeletedCustomersAddressesAreGone() {
        assertNotFound(get(addressesOf(JERRY)), ErrorDetails.CUSTOMER_NOT_FOUND);
        assertNotFound(get(addressesOf(JERRY) + "/" + JERRYS_HOME), ErrorDetails.CUSTOMER_NOT_FOUND);
        assertThat(readModelOf(JERRY)).isEqualTo(new Document("_id", JERRY).append("customerDeleted", true));
    }

    @Test
    void aShopperReadsTheirOwnAddressesWithTheirCustomerToken() {
        assertThat(getAsCustomer(RON, addressesOf(RON)).status()).isEqualTo(200);
        assertThat(getAsCustomer(RON, addressesOf(RON) + "/" + RONS_HOME).status()).isEqualTo(200);
    }

    @Test
    void aShopperCannotReadAnotherCustomersAddresses() {
        Response response = getAsCustomer(LESLIE, addressesOf(RON) + "/" + RONS_HOME);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("Sycamore");
        assertThat(getAsCustomer(LESLIE, addressesOf(RON)).status()).isEqualTo(403);
    }
}
