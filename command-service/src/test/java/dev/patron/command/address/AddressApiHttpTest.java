package dev.patron.command.address;

import dev.patron.contract.ErrorDetails;
import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.fieldErrors;
import static dev.patron.kit.web.ApiTestClient.json;
import static dev.patron.kit.web.ApiTestClient.sources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.address.AddressDeleted;
import dev.patron.events.address.AddressUpdated;
import dev.patron.kit.security.AccessTokenFilter;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressApiHttpTest extends AddressHttpTestBase {

    private String customerId;

    @BeforeEach
    void aCustomer() {
        customerId = newCustomer();
    }

    private List<Object> payloadsOf(String addressId) {
        return eventStore.readEvents(addressId, 0).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    @Nested
    class Create {

        @Test
        void answersCreatedWithTheWholeAddress() {
            HttpResponse<String> response = api.post(addressesOf(customerId), addressJson(home()));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode address = json(response).get("data");
            String addressId = address.get("id").asText();
            assertThat(UUID.fromString(addressId)).isNotNull();
            assertThat(address.get("type").asText()).isEqualTo("address");
            home().forEach((part, value) -> assertThat(address.get(part).asText()).as(part).isEqualTo(value));
            Instant createdAt = Instant.parse(address.at("/meta/timestamps/created_at").asText());
            assertThat(createdAt).isBetween(Instant.now().minusSeconds(60), Instant.now());
            assertThat(address.at("/meta/timestamps/updated_at").asText()).isEqualTo(createdAt.toString());
            assertThat(response.headers().firstValue("Location")).hasValue(address(customerId, addressId));
            assertThat(payloadsOf(addressId)).singleElement().isInstanceOf(AddressCreated.class)
                    .extracting(event -> ((AddressCreated) event).customerId()).isEqualTo(customerId);
        }

        @Test
        void withOnlyTheRequiredPartsLeavesTheOthersNull() {
            Map<String, Object> required = Map.of("first_name", "Ron", "last_name", "Swanson",
                    "line_1", "1 Sycamore Lane", "postcode", "47998", "country", "US");

            HttpResponse<String> response = api.post(addressesOf(customerId), addressJson(required));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode address = json(response).get("data");
            for (String optional : List.of("name", "company_name", "phone_number", "instructions", "line_2", "city",
                    "county", "region")) {
                assertThat(address.get(optional).isNull()).as(optional).isTrue();
            }
        }

        @Test
        void takesTheCountryCodeInAnyCaseAndKeepsItInCapitals() {
            HttpResponse<String> response =
                    api.post(addressesOf(customerId), addressJson(with(home(), "country", "gb")));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(json(response).at("/data/country").asText()).isEqualTo("GB");
        }

        @Test
        void acceptsEveryPartAtItsLongest() {
            Map<String, Object> longest = home();
            for (AddressInput.Part part : AddressInput.Part.values()) {
                if (part != AddressInput.Part.COUNTRY) {
                    longest.put(part.field, "é".repeat(part.text.maxLength()));
                }
            }

            assertThat(api.post(addressesOf(customerId), addressJson(longest)).statusCode()).isEqualTo(201);
        }

        @ParameterizedTest
        @ValueSource(strings = {"first_name", "last_name", "line_1", "postcode", "country"})
        void withoutARequiredPartIsInvalidAndNamesIt(String part) {
            JsonNode errors = fieldErrors(api.post(addressesOf(customerId), addressJson(without(home(), part))), 422);

            assertThat(sources(errors)).containsExactly("data." + part);
            assertThat(errors.get(0).get("detail").asText()).isEqualTo(part + " is required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"first_name", "last_name", "line_1", "postcode", "country"})
        void withARequiredPartBlankIsInvalidAndNamesIt(String part) {
            JsonNode errors = fieldErrors(api.post(addressesOf(customerId), addressJson(with(home(), part, "  "))), 422);

            assertThat(sources(errors)).containsExactly("data." + part);
        }

        @ParameterizedTest
        @ValueSource(strings = {"XX", "GBR", "United Kingdom", "G", "U$", ""})
        void withACountryThatIsNoIsoCodeIsInvalid(String country) {
            JsonNode errors = fieldErrors(api.post(addressesOf(customerId), addressJson(with(home(), "country", country))),
                    422);

            assertThat(sources(errors)).containsExactly("data.country");
        }

        @ParameterizedTest
        @EnumSource(value = AddressInput.Part.class, names = "COUNTRY", mode = EnumSource.Mode.EXCLUDE)
        void withAPartTooLongIsInvalidAndNamesIt(AddressInput.Part part) {
            String tooLong = "x".repeat(part.text.maxLength() + 1);

            JsonNode errors = fieldErrors(api.post(addressesOf(customerId), addressJson(with(home(), part.field, tooLong))),
                    422);

            assertThat(sources(errors)).containsExactly("data." + part.field);
            assertThat(errors.get(0).get("detail").asText())
                    .isEqualTo(part.field + " must be at most " + part.text.maxLength() + " characters");
        }

        @Test
        void namesEveryInvalidPartAtOnce() {
            Map<String, Object> broken = with(without(with(home(), "country", "XX"), "first_name"), "postcode",
                    "9".repeat(33));

            JsonNode errors = fieldErrors(api.post(addressesOf(customerId), addressJson(broken)), 422);

            assertThat(sources(errors)).containsExactlyInAnyOrder("data.first_name", "data.postcode", "data.country");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "first_name | 42",
                "line_2     | true",
                "country    | [\"US\"]",
                "name       | {\"label\":\"home\"}"})
        void withAPartOfTheWrongJsonTypeIsABadRequestNamingIt(String part, String wrongJson) {
            // The right value stays, under another name, so that only the wrong one is under the part's name.
            String body = addressJson(home())
                    .replace("\"" + part + "\":", "\"" + part + "\":" + wrongJson + ",\"was\":");

            JsonNode errors = fieldErrors(api.post(addressesOf(customerId), body), 400);

            assertThat(sources(errors)).containsExactly("data." + part);
        }

        @Test
        void namesEveryPartOfTheWrongTypeAtOnce() {
            JsonNode errors = fieldErrors(api.post(addressesOf(customerId),
                    "{\"data\":{\"type\":\"address\",\"first_name\":1,\"postcode\":47998,\"country\":\"US\"}}"), 400);

            assertThat(sources(errors)).containsExactlyInAnyOrder("data.first_name", "data.postcode");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"data\":{\"type\":\"address\",", "not json", ""})
        void malformedJsonIsABadRequest(String body) {
            errors(api.post(addressesOf(customerId), body), 400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"data\":[]}", "{\"data\":{\"first_name\":\"Ron\"}}",
                "{\"data\":{\"type\":\"customer\",\"first_name\":\"Ron\"}}"})
        void aBodyNotShapedLikeAnAddressIsABadRequest(String body) {
            assertThat(sources(fieldErrors(api.post(addressesOf(customerId), body), 400)))
                    .singleElement().isIn("data", "data.type");
        }

        @Test
        void forAnUnknownCustomerIsNotFound() {
            JsonNode errors = errors(api.post(addressesOf(UUID.randomUUID().toString()), addressJson(home())), 404);

            assertThat(errors.get(0).get("detail").asText()).isEqualTo(ErrorDetails.CUSTOMER_NOT_FOUND);
        }

        @Test
        void forADeletedCustomerIsNotFound() {
            assertThat(api.delete(CUSTOMERS + "/" + customerId).statusCode()).isEqualTo(204);

            errors(api.post(addressesOf(customerId), addressJson(home())), 404);
        }

        @Test
        void underAnAddressIdInPlaceOfTheCustomerIdIsNotFound() {
            String addressId = newAddress(customerId).get("id").asText();

            errors(api.post(addressesOf(addressId), addressJson(home())), 404);
        }

        @Test
        void byTheCustomerThemselvesWithTheirCustomerToken() {
            ApiTestClient shopper = anonymous.withHeader("Authorization", "Bearer " + tokens.storefront())
                    .withHeader(AccessTokenFilter.CUSTOMER_TOKEN_HEADER, tokens.customer(customerId));

            assertThat(shopper.post(addressesOf(customerId), addressJson(home())).statusCode()).isEqualTo(201);
        }

        @Test
        void forAnotherCustomerWithACustomerTokenIsForbidden() {
            ApiTestClient otherShopper = anonymous.withHeader("Authorization", "Bearer " + tokens.storefront())
                    .withHeader(AccessTokenFilter.CUSTOMER_TOKEN_HEADER, tokens.customer(newCustomer()));

            errors(otherShopper.post(addressesOf(customerId), addressJson(home())), 403);
        }
    }

    @Nested
    class Update {

        private String addressId;
        private JsonNode created;

        @BeforeEach
        void anAddress() {
            created = newAddress(customerId);
            addressId = created.get("id").asText();
        }

        @Test
        void changesOnlyTheGivenPartsAndAnswersTheWholeAddress() {
            HttpResponse<String> response = api.put(address(customerId, addressId),
                    addressJson(Map.of("line_1", "2 Sycamore Lane", "name", "cabin", "country", "ca")));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode address = json(response).get("data");
            assertThat(address.get("id").asText()).isEqualTo(addressId);
            assertThat(address.get("line_1").asText()).isEqualTo("2 Sycamore Lane");
            assertThat(address.get("name").asText()).isEqualTo("cabin");
            assertThat(address.get("country").asText()).isEqualTo("CA");
            assertThat(address.get("first_name").asText()).isEqualTo("Ron");
            assertThat(address.get("instructions").asText()).isEqualTo("Leave it by the woodshed");
            assertThat(address.at("/meta/timestamps/created_at")).isEqualTo(created.at("/meta/timestamps/created_at"));
            assertThat(Instant.parse(address.at("/meta/timestamps/updated_at").asText()))
                    .isAfterOrEqualTo(Instant.parse(created.at("/meta/timestamps/updated_at").asText()));
            assertThat(payloadsOf(addressId)).hasSize(2).last().isInstanceOf(AddressUpdated.class);
        }

        @Test
        void anOptionalPartCanBeEmptied() {
            HttpResponse<String> response = api.put(address(customerId, addressId),
                    addressJson(Map.of("line_2", "")));

            assertThat(json(response).at("/data/line_2").asText()).isEmpty();
        }

        @Test
        void thatChangesNothingRecordsNothing() {
            assertThat(api.put(address(customerId, addressId), addressJson(home())).statusCode()).isEqualTo(200);
            assertThat(api.put(address(customerId, addressId), addressJson(Map.of())).statusCode()).isEqualTo(200);

            assertThat(payloadsOf(addressId)).hasSize(1);
        }

        @Test
        void survivesManyChangesAcrossSnapshots() {
            for (int change = 1; change <= 7; change++) {
                assertThat(api.put(address(customerId, addressId),
                        addressJson(Map.of("line_2", "Cabin " + change))).statusCode()).isEqualTo(200);
            }

            HttpResponse<String> response = api.put(address(customerId, addressId),
                    addressJson(Map.of("city", "Eagleton")));

            assertThat(json(response).at("/data/line_2").asText()).isEqualTo("Cabin 7");
            assertThat(json(response).at("/data/city").asText()).isEqualTo("Eagleton");
            assertThat(database.getCollection("snapshots").countDocuments(
                    Filters.eq("_id", addressId))).isEqualTo(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"first_name", "last_name", "line_1", "postcode", "country"})
        void blankingARequiredPartIsInvalid(String part) {
            JsonNode errors = fieldErrors(api.put(address(customerId, addressId), addressJson(Map.of(part, ""))), 422);

            assertThat(sources(errors)).containsExactly("data." + part);
        }

        @Test
        void toAnUnknownCountryIsInvalid() {
            errors(api.put(address(customerId, addressId), addressJson(Map.of("country", "UK"))), 422, "data.country");
        }

        @Test
        void withAPartTooLongIsInvalid() {
            JsonNode errors = fieldErrors(api.put(address(customerId, addressId),
                    addressJson(Map.of("instructions", "x".repeat(1025)))), 422);

            assertThat(sources(errors)).containsExactly("data.instructions");
        }

        @Test
        void withAPartOfTheWrongTypeIsABadRequest() {
            JsonNode errors = fieldErrors(api.put(address(customerId, addressId), addressJson(Map.of("city", 7))), 400);

            assertThat(sources(errors)).containsExactly("data.city");
        }

        @Test
        void malformedJsonIsABadRequest() {
            errors(api.put(address(customerId, addressId), "{\"data\":"), 400);
        }

        @Test
        void ofAnotherCustomersAddressIsNotFoundAndChangesNothing() {
            String otherCustomer = newCustomer();

            HttpResponse<String> response = api.put(address(otherCustomer, addressId),
                    addressJson(Map.of("first_name", "Tammy")));

            JsonNode errors = errors(response, 404);
            assertThat(errors.get(0).get("detail").asText()).isEqualTo(ErrorDetails.ADDRESS_NOT_FOUND);
            assertThat(response.body()).isEqualTo(
                    api.put(address(otherCustomer, UUID.randomUUID().toString()), addressJson(Map.of())).body());
            assertThat(payloadsOf(addressId)).hasSize(1);
        }

        @Test
        void ofAnUnknownAddressIsNotFound() {
            errors(api.put(address(customerId, UUID.randomUUID().toString()), addressJson(Map.of())), 404);
        }

        @Test
        void underTheCustomerIdInPlaceOfTheAddressIdIsNotFound() {
            errors(api.put(address(customerId, customerId), addressJson(Map.of("city", "Eagleton"))), 404);
        }

        @Test
        void ofADeletedAddressIsNotFound() {
            assertThat(api.delete(address(customerId, addressId)).statusCode()).isEqualTo(204);

            errors(api.put(address(customerId, addressId), addressJson(Map.of("city", "Eagleton"))), 404);
        }

        @Test
        void forADeletedCustomerIsNotFound() {
            assertThat(api.delete(CUSTOMERS + "/" + customerId).statusCode()).isEqualTo(204);

            JsonNode errors = errors(api.put(address(customerId, addressId), addressJson(Map.of("city", "X"))), 404);
            assertThat(errors.get(0).get("detail").asText()).isEqualTo(ErrorDetails.CUSTOMER_NOT_FOUND);
        }

        @Test
        void forAnUnknownCustomerIsNotFound() {
            errors(api.put(address(UUID.randomUUID().toString(), addressId), addressJson(Map.of("city", "X"))), 404);
        }
    }

    @Nested
    class Delete {

        private String addressId;

        @BeforeEach
        void anAddress() {
            addressId = newAddress(customerId).get("id").asText();
        }

        @Test
        void answersNoContentAndTheAddressIsGoneForEveryCommand() {
            HttpResponse<String> response = api.delete(address(customerId, addressId));

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
            assertThat(payloadsOf(addressId)).last().isEqualTo(new AddressDeleted(addressId, customerId));
            errors(api.delete(address(customerId, addressId)), 404);
            errors(api.put(address(customerId, addressId), addressJson(Map.of())), 404);
        }

        @Test
        void ofAnotherCustomersAddressIsNotFoundAndDeletesNothing() {
            errors(api.delete(address(newCustomer(), addressId)), 404);

            assertThat(api.put(address(customerId, addressId), addressJson(Map.of("city", "Eagleton"))).statusCode())
                    .isEqualTo(200);
        }

        @Test
        void ofAnUnknownAddressIsNotFound() {
            errors(api.delete(address(customerId, UUID.randomUUID().toString())), 404);
        }

        @Test
        void forADeletedCustomerIsNotFound() {
            assertThat(api.delete(CUSTOMERS + "/" + customerId).statusCode()).isEqualTo(204);

            errors(api.delete(address(customerId, addressId)), 404);
        }
    }
}
