package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Strings no field should take: of any length, holding characters that do not show as what they are, email addresses
 * no one has, bytes that are not UTF-8. Each is a 4xx in the contract's format naming the field, with nothing stored.
 * Strings are sent as JSON escapes ({@code \u0000}), as a client's JSON encoder sends them.
 */
@Tag("integration")
class HostileTextHttpTest {

    private static final String UNBOUNDED = "x".repeat(60_000);
    private static final String ADDRESS = "\"first_name\":\"Ron\",\"last_name\":\"Swanson\",\"line_1\":\"1 Lane\","
            + "\"postcode\":\"47998\",\"country\":\"US\"";

    private static RunningPatron patron;
    private static ApiTestClient backOffice;
    private static ApiTestClient storefront;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "hostile-text-" + UUID.randomUUID());
        backOffice = patron.backOffice();
        storefront = patron.storefront();
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    private static String customer(String name, String email) {
        return "{\"data\":{\"type\":\"customer\",\"name\":\"" + name + "\",\"email\":\"" + email + "\"}}";
    }

    private static String email() {
        return "ron-" + UUID.randomUUID() + "@swanson.com";
    }

    private static long total(String list) {
        JsonNode total = json(backOffice.get(list)).at("/meta/results/total");
        assertThat(total.isNumber()).as("%s counts its results", list).isTrue();
        return total.asLong();
    }

    private static long customers() {
        return total("/v2/customers");
    }

    private static String newCustomer() {
        HttpResponse<String> created = backOffice.post("/v2/customers", customer("Ron Swanson", email()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).at("/data/id").asText();
    }

    /** The answer is a 422 about {@code field} alone, and says what is wrong with it. */
    private static void refused(HttpResponse<String> answer, String field, String detailStart) {
        JsonNode errors = errors(answer, 422, field);
        assertThat(errors.get(0).get("detail").asText()).startsWith(detailStart);
        assertThat(answer.body()).as("the value is not echoed").doesNotContain("xxxxxxxxxx");
    }

    @Test
    void aStringOfUnboundedLengthIsRefusedInEveryResourceAndNothingIsStored() {
        long customersBefore = customers();
        refused(backOffice.post("/v2/customers", customer(UNBOUNDED, email())), "data.name",
                "name must be at most 255 characters");
        refused(backOffice.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":\"Ron\",\"email\":\""
                + email() + "\",\"external_ref\":\"" + "x".repeat(2049) + "\"}}"), "data.external_ref",
                "external_ref must be at most 2048 characters");
        refused(storefront.post("/v2/customers/tokens", "{\"data\":{\"type\":\"token\",\"email\":\"" + UNBOUNDED
                + "@x.com\",\"password\":\"whatever\"}}"), "data.email", "email must be at most 254 characters");
        assertThat(customers()).isEqualTo(customersBefore);

        String customerId = newCustomer();
        refused(backOffice.post("/v2/customers/" + customerId + "/addresses", "{\"data\":{\"type\":\"address\","
                + ADDRESS.replace("1 Lane", UNBOUNDED) + "}}"), "data.line_1", "line_1 must be at most 255");
        assertThat(json(backOffice.get("/v2/customers/" + customerId + "/addresses")).get("data")).isEmpty();

        String cart = "/v2/carts/hostile-" + UUID.randomUUID();
        refused(backOffice.post(cart + "/items", "{\"data\":{\"type\":\"custom_item\",\"name\":\"" + UNBOUNDED
                + "\",\"sku\":\"WAX\",\"quantity\":1,\"price\":{\"amount\":1500}}}"), "data.name", "name must be at most");
        assertThat(json(backOffice.get(cart + "/items")).get("data")).isEmpty();

        assertThat(backOffice.post(cart + "/items", "{\"data\":{\"type\":\"custom_item\",\"name\":\"Wax\","
                + "\"sku\":\"WAX\",\"quantity\":1,\"price\":{\"amount\":1500}}}").statusCode()).isEqualTo(201);
        long ordersBefore = total("/v2/orders");
        refused(backOffice.post(cart + "/checkout", "{\"data\":{\"customer\":{\"name\":\"" + UNBOUNDED
                + "\",\"email\":\"" + email() + "\"},\"billing_address\":{" + ADDRESS + "},\"shipping_address\":{"
                + ADDRESS + "}}}"), "data.customer.name", "name must be at most 255");
        assertThat(total("/v2/orders")).isEqualTo(ordersBefore);

        long flowsBefore = total("/v2/flows");
        refused(backOffice.post("/v2/flows", "{\"data\":{\"type\":\"flow\",\"slug\":\"extras\",\"name\":\""
                + UNBOUNDED + "\",\"enabled\":true}}"), "data.name", "name must be at most 255");
        assertThat(total("/v2/flows")).isEqualTo(flowsBefore);

        refused(backOffice.post("/v2/integrations", "{\"data\":{\"type\":\"integration\",\"name\":\"" + UNBOUNDED
                + "\",\"integration_type\":\"webhook\",\"observes\":[\"customer.created\"],\"configuration\":"
                + "{\"url\":\"https://example.com/hook\",\"secret_key\":\"0123456789abcdef\"}}}"), "data.name",
                "name must be at most 255");
        assertThat(json(backOffice.get("/v2/integrations")).get("data")).isEmpty();
    }

    @Test
    void namesHoldingControlBidiOrSeparatorCharactersOrLoneSurrogatesAreRefusedAndNothingIsStored() {
        long before = customers();
        String[][] cases = {{"\\u0000", "a control character (U+0000)"}, {"\\u001b[2J", "a control character (U+001B)"},
                {"\\r\\nX-Injected: 1", "a control character (U+000D)"}, {"\\u0085", "a control character (U+0085)"},
                {"\\u202e", "a bidirectional formatting character (U+202E)"},
                {"\\u2067", "a bidirectional formatting character (U+2067)"},
                {"\\u2028", "a line or paragraph separator (U+2028)"}, {"\\u2029", "a line or paragraph separator"},
                {"\\ud800", "an unpaired surrogate (U+D800)"}, {"\\udfff", "an unpaired surrogate (U+DFFF)"}};
        for (String[] hostile : cases) {
            refused(backOffice.post("/v2/customers", customer("Ron" + hostile[0] + "Swanson", email())), "data.name",
                    "name must not contain " + hostile[1]);
        }
        assertThat(customers()).isEqualTo(before);

        String customerId = newCustomer();
        refused(backOffice.put("/v2/customers/" + customerId, "{\"data\":{\"type\":\"customer\",\"name\":"
                + "\"\\u202enosnawS noR\"}}"), "data.name", "name must not contain");
        assertThat(json(backOffice.get("/v2/customers/" + customerId)).at("/data/name").asText())
                .isEqualTo("Ron Swanson");
    }

    @Test
    void emailAddressesHoldingWhatNoAddressHoldsAreRefusedAndRealOnesAreTaken() {
        long before = customers();
        for (String hostile : new String[] {"ron\\u0000", "ron\\u0007", "ron\\u00a0swanson", "ron\\u202fswanson",
                "ron swanson", "\\\"ron swanson\\\"", "\\\"ron\\\"", "ron\\ud800", "ron\\u200b", "ron\\u202e",
                "ron(steak)", "ron,ann"}) {
            HttpResponse<String> answer = backOffice.post("/v2/customers", customer("Ron", hostile + "@swanson.com"));
            assertThat(errors(answer, 422, "data.email").get(0).get("detail").asText()).as(hostile)
                    .startsWith("email must");
        }
        assertThat(customers()).isEqualTo(before);

        String unique = UUID.randomUUID().toString().substring(0, 8);
        for (String real : new String[] {"ron+steak-" + unique + "@swanson.com", "o'brien-" + unique + "@example.ie",
                "josé-" + unique + "@correo.es", "ron-" + unique + "@xn--mnchen-3ya.de", "用户" + unique + "@例子.广告"}) {
            HttpResponse<String> created = backOffice.post("/v2/customers", customer("Ron", real));
            assertThat(created.statusCode()).as(real + ": " + created.body()).isEqualTo(201);
            assertThat(json(created).at("/data/email").asText()).isEqualTo(real);
        }
    }

    /** Jackson would decode the overlong {@code C0 AF} as {@code /}, and an encoded surrogate as a lone one. */
    @Test
    void bytesThatAreNotUtf8AreRefusedNotDecodedAsSomethingElse() {
        long before = customers();
        String local = "ron" + UUID.randomUUID().toString().substring(0, 8);
        for (byte[] malformed : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("{\"data\":{\"type\":\"customer\",\"name\":\"Ron\",\"email\":\"" + local)
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(malformed);
            body.writeBytes("x@swanson.com\"}}".getBytes(StandardCharsets.US_ASCII));
            HttpResponse<String> answer = backOffice.post("/v2/customers", BodyPublishers.ofByteArray(body.toByteArray()));
            assertThat(errors(answer, 400).get(0).get("detail").asText()).isEqualTo("The request body is not valid UTF-8");
        }
        assertThat(customers()).isEqualTo(before);
        assertThat(json(backOffice.get("/v2/customers?filter=eq(email," + local + "/x@swanson.com)")).get("data"))
                .isEmpty();
    }

    @Test
    void onlyAFieldOfSeveralLinesTakesLineBreaks() {
        String customerId = newCustomer();
        HttpResponse<String> withInstructions = backOffice.post("/v2/customers/" + customerId + "/addresses",
                "{\"data\":{\"type\":\"address\"," + ADDRESS + ",\"instructions\":\"Back door,\\nthen left\"}}");
        assertThat(withInstructions.statusCode()).as(withInstructions.body()).isEqualTo(201);
        assertThat(json(withInstructions).at("/data/instructions").asText()).isEqualTo("Back door,\nthen left");

        refused(backOffice.post("/v2/customers/" + customerId + "/addresses", "{\"data\":{\"type\":\"address\","
                + ADDRESS.replace("1 Lane", "1 Lane\\nBcc: x") + "}}"), "data.line_1",
                "line_1 must not contain a control character (U+000A)");
        assertThat(json(backOffice.get("/v2/customers/" + customerId + "/addresses")).get("data")).hasSize(1);
    }

    /** A field definition's values (options, default) are held to the rule of the values they govern. */
    @Test
    void customFieldTextIsHeldToTheSameCharactersAndBound() {
        String flows = json(backOffice.get("/v2/flows")).toString();
        String flowId = flows.contains("\"slug\":\"customers\"")
                ? json(backOffice.get("/v2/flows/customers")).at("/data/id").asText()
                : json(backOffice.post("/v2/flows", "{\"data\":{\"type\":\"flow\",\"slug\":\"customers\","
                        + "\"name\":\"Customer extras\",\"enabled\":true}}")).at("/data/id").asText();
        String ofTheFlow = ",\"relationships\":{\"flow\":{\"data\":{\"type\":\"flow\",\"id\":\"" + flowId + "\"}}}}}";
        long fieldsBefore = json(backOffice.get("/v2/flows/customers/fields")).get("data").size();
        refused(backOffice.post("/v2/fields", "{\"data\":{\"type\":\"field\",\"name\":\"Tier\",\"slug\":\"tier\","
                + "\"field_type\":\"string\",\"validation_rules\":[{\"type\":\"enum\",\"options\":[\"gold\","
                + "\"\\u202egold\"]}]" + ofTheFlow), "data.validation_rules[0].options[1]", "options[1] must not contain");
        refused(backOffice.post("/v2/fields", "{\"data\":{\"type\":\"field\",\"name\":\"Tier\",\"slug\":\"tier\","
                + "\"field_type\":\"string\",\"default\":\"\\u0000\"" + ofTheFlow), "data.default",
                "default must not contain a control character");
        assertThat(json(backOffice.get("/v2/flows/customers/fields")).get("data")).hasSize((int) fieldsBefore);

        HttpResponse<String> note = backOffice.post("/v2/fields", "{\"data\":{\"type\":\"field\",\"name\":\"Note\","
                + "\"slug\":\"hostile_note\",\"field_type\":\"string\"" + ofTheFlow);
        assertThat(note.statusCode()).as(note.body()).isEqualTo(201);

        long before = customers();
        for (String[] hostile : new String[][] {{"\\u0000", "hostile_note must not contain a control character"},
                {"\\u202e", "hostile_note must not contain a bidirectional"}, {"\\ud800", "hostile_note must not contain"},
                {"x".repeat(4097), "hostile_note must be at most 4096 characters"}}) {
            refused(backOffice.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":\"Ron\",\"email\":\""
                    + email() + "\",\"hostile_note\":\"" + hostile[0] + "\"}}"), "data.hostile_note", hostile[1]);
        }
        assertThat(customers()).isEqualTo(before);

        HttpResponse<String> twoLines = backOffice.post("/v2/customers", "{\"data\":{\"type\":\"customer\","
                + "\"name\":\"Ron\",\"email\":\"" + email() + "\",\"hostile_note\":\"likes\\nbreakfast\"}}");
        assertThat(twoLines.statusCode()).as(twoLines.body()).isEqualTo(201);
        assertThat(json(twoLines).at("/data/hostile_note").asText()).isEqualTo("likes\nbreakfast");
    }
}
