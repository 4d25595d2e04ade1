package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Requests a careless client or an attacker sends, each once answered with a 500, a wrong status or a committed
 * write: now a clear 4xx in the contract's format, with nothing stored.
 */
@Tag("integration")
class HostileInputHttpTest {

    private static RunningPatron patron;
    private static ApiTestClient backOffice;
    private static ApiTestClient storefront;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "hostile-" + UUID.randomUUID());
        backOffice = patron.backOffice();
        storefront = patron.storefront();
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    private static String customer(String email, String extra) {
        return "{\"data\":{\"type\":\"customer\",\"name\":\"Ron Swanson\",\"email\":\"" + email + "\"" + extra + "}}";
    }

    private static String email() {
        return "ron-" + UUID.randomUUID() + "@swanson.com";
    }

    private static boolean listed(String email) {
        return json(backOffice.get("/v2/customers?filter=" + URLEncoder.encode("eq(email," + email + ")",
                StandardCharsets.UTF_8))).get("data").size() > 0;
    }

    @Test
    void anAddressIdUsedAsACustomerIdIsAnUnknownCustomer() {
        String customerId = json(backOffice.post("/v2/customers", customer(email(), ""))).at("/data/id").asText();
        HttpResponse<String> address = backOffice.post("/v2/customers/" + customerId + "/addresses",
                "{\"data\":{\"type\":\"address\",\"first_name\":\"Ron\",\"last_name\":\"Swanson\",\"line_1\":\"1 Lane\","
                        + "\"postcode\":\"47998\",\"country\":\"US\"}}");
        String addressId = json(address).at("/data/id").asText();

        errors(backOffice.put("/v2/customers/" + addressId, "{\"data\":{\"type\":\"customer\",\"name\":\"X\"}}"), 404);
        errors(backOffice.delete("/v2/customers/" + addressId), 404);
        assertThat(backOffice.get("/v2/customers/" + customerId + "/addresses/" + addressId).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aDateBeyondTheRangeOfStoredDatesIsABadFilter() {
        for (String path : new String[] {"/v2/customers", "/v2/orders"}) {
            for (String instant : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"}) {
                JsonNode refused = errors(backOffice.get(path + "?filter=" + URLEncoder.encode(
                        "gt(created_at," + instant + ")", StandardCharsets.UTF_8)), 400, "filter");
                assertThat(refused.get(0).get("detail").asText()).contains("out of range");
            }
        }
    }

    @Test
    void aPastStateAtAnInstantOutsideTheCalendarIsABadRequest() {
        String customerId = json(backOffice.post("/v2/customers", customer(email(), ""))).at("/data/id").asText();
        for (String instant : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"}) {
            JsonNode refused = errors(backOffice.get("/v2/customers/" + customerId + "?at="
                    + URLEncoder.encode(instant, StandardCharsets.UTF_8)), 400, "at");
            assertThat(refused.get(0).get("detail").asText()).contains("out of range");
        }
        assertThat(backOffice.get("/v2/customers/" + customerId + "?at=2020-01-01T00:00:00Z").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aContentTypeThatNamesNoMediaTypeIsUnsupportedAndNothingIsStored() {
        for (String contentType : new String[] {"*/*", "application/*", "not a type"}) {
            String email = email();
            HttpResponse<String> answer = backOffice.send(backOffice.request("/v2/customers")
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(customer(email, ""))));
            errors(answer, 415);
            assertThat(listed(email)).as(contentType).isFalse();
        }
    }

    @Test
    void bytesAfterTheJsonDocumentOrAKeyGivenTwiceMakeTheBodyUnreadableAndNothingIsStored() {
        String email = email();
        errors(backOffice.post("/v2/customers", customer(email, "") + "garbage"), 400);
        errors(backOffice.post("/v2/customers", customer(email, "") + "{}"), 400);
        errors(backOffice.post("/v2/customers", customer(email, ",\"email\":\"" + email() + "\"")), 400);
        assertThat(listed(email)).isFalse();
    }

    @Test
    void pageBoundsAreAsciiDigitsAndAnEmptyListHasNoPages() {
        errors(backOffice.get("/v2/customers?page[limit]=" + URLEncoder.encode("١٠", StandardCharsets.UTF_8)), 400,
                "page[limit]");
        errors(backOffice.get("/v2/customers?page[offset]=" + URLEncoder.encode("５", StandardCharsets.UTF_8)), 400,
                "page[offset]");
        errors(backOffice.get("/v2/customers?page[limit]=+5"), 400, "page[limit]");
        JsonNode empty = json(backOffice.get("/v2/customers?filter=" + URLEncoder.encode(
                "eq(email," + email() + ")", StandardCharsets.UTF_8)));
        assertThat(empty.at("/meta/results/total").asLong()).isZero();
        assertThat(empty.at("/meta/page/total").asLong()).isZero();
        assertThat(empty.at("/links/last").asText()).contains("page%5Boffset%5D=0");
    }

    @Test
    void anAnswerThatCannotBeWrittenIsRefusedBeforeTheWriteRuns() {
        String email = email();
        for (String accept : new String[] {"application/xml", "text/html;q=1, application/json;q=0", "not a type"}) {
            HttpResponse<String> answer = backOffice.send(backOffice.request("/v2/customers")
                    .header("Content-Type", "application/json").header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofString(customer(email, ""))));
            assertThat(errors(answer, 406).get(0).get("detail").asText()).as(accept).contains("JSON");
        }
        assertThat(listed(email)).as("nothing was stored").isFalse();
        for (String accept : new String[] {"application/json", "*/*", "application/*", "text/html, */*;q=0.1"}) {
            HttpResponse<String> read = backOffice.send(backOffice.request("/v2/customers").header("Accept", accept)
                    .GET());
            assertThat(read.statusCode()).as(accept).isEqualTo(200);
        }
        HttpResponse<String> created = backOffice.send(backOffice.request("/v2/customers")
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(customer(email, ""))));
        assertThat(created.statusCode()).as("the retry is not a conflict").isEqualTo(201);
    }

    @Test
    void onlyTheBackOfficeSetsAnExternalRef() {
        String email = email();
        errors(storefront.post("/v2/customers", customer(email, ",\"external_ref\":\"crm-42\"")), 403,
                "data.external_ref");
        assertThat(listed(email)).isFalse();

        HttpResponse<String> signUp = storefront.post("/v2/customers", customer(email,
                ",\"external_ref\":null,\"password\":\"correct horse battery\""));
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
        String customerId = json(signUp).at("/data/id").asText();
        HttpResponse<String> byStore = backOffice.put("/v2/customers/" + customerId,
                "{\"data\":{\"type\":\"customer\",\"external_ref\":\"crm-42\"}}");
        assertThat(json(byStore).at("/data/external_ref").asText()).isEqualTo("crm-42");
    }
}
