package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Flow and field definitions over real HTTP against Patron in one process: back office only, checked as sent. */
@Tag("integration")
class FlowsHttpTest {

    private static RunningPatron patron;
    private static ApiTestClient backOffice;
    private static ApiTestClient storefront;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "flows-" + UUID.randomUUID());
        backOffice = patron.backOffice();
        storefront = patron.storefront();
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    private static String flow(String slug) {
        return "{\"data\":{\"type\":\"flow\",\"slug\":\"" + slug + "\",\"name\":\"Extras\","
                + "\"description\":\"More about them\",\"enabled\":true}}";
    }

    private static String field(String flowId, String rest) {
        return "{\"data\":{\"type\":\"field\",\"name\":\"A field\"," + rest + ",\"relationships\":{\"flow\":"
                + "{\"data\":{\"type\":\"flow\",\"id\":\"" + flowId + "\"}}}}}";
    }

    @Test
    void aFlowAndItsFieldsGoThroughTheirLifecycle() {
        HttpResponse<String> created = backOffice.post("/v2/flows", flow("customers"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String flowId = json(created).at("/data/id").asText();
        errors(backOffice.post("/v2/flows", flow("customers")), 422, "data.slug");

        HttpResponse<String> tier = backOffice.post("/v2/fields", field(flowId, "\"slug\":\"tier\","
                + "\"field_type\":\"string\",\"required\":true,\"default\":\"bronze\",\"order\":2,"
                + "\"validation_rules\":[{\"type\":\"enum\",\"options\":[\"bronze\",\"gold\"]}]"));
        assertThat(tier.statusCode()).as(tier.body()).isEqualTo(201);
        String tierId = json(tier).at("/data/id").asText();
        HttpResponse<String> age = backOffice.post("/v2/fields", field(flowId, "\"slug\":\"age\","
                + "\"field_type\":\"integer\",\"order\":1,"
                + "\"validation_rules\":[{\"type\":\"between\",\"options\":{\"from\":18,\"to\":130}}]"));
        assertThat(age.statusCode()).as(age.body()).isEqualTo(201);
        assertThat(json(age).at("/data/validation_rules/0/options/to").isIntegralNumber()).isTrue();

        JsonNode fields = json(backOffice.get("/v2/flows/customers/fields"));
        assertThat(fields.get("data")).extracting(node -> node.get("slug").asText()).containsExactly("age", "tier");
        assertThat(json(backOffice.get("/v2/flows/" + flowId)).at("/data/relationships/fields/data")).hasSize(2);

        HttpResponse<String> disabled = backOffice.put("/v2/fields/" + tierId,
                "{\"data\":{\"type\":\"field\",\"enabled\":false,\"default\":\"gold\"}}");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        JsonNode read = json(backOffice.get("/v2/fields/" + tierId)).get("data");
        assertThat(read.get("enabled").asBoolean()).isFalse();
        assertThat(read.get("default").asText()).isEqualTo("gold");

        errors(backOffice.delete("/v2/flows/" + flowId), 422);
        assertThat(backOffice.delete("/v2/fields/" + tierId).statusCode()).isEqualTo(204);
        assertThat(backOffice.get("/v2/fields/" + tierId).statusCode()).isEqualTo(404);
        assertThat(backOffice.delete("/v2/fields/" + json(age).at("/data/id").asText()).statusCode()).isEqualTo(204);
        assertThat(backOffice.delete("/v2/flows/" + flowId).statusCode()).isEqualTo(204);
        assertThat(backOffice.get("/v2/flows/" + flowId).statusCode()).isEqualTo(404);

        HttpResponse<String> answer = backOffice.get("/v2/flows/" + flowId + "/history");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode history = json(answer).get("data");
        assertThat(history).extracting(entry -> entry.get("type").asText()).containsExactly("flow.created",
                "field.created", "field.created", "field.updated", "field.deleted", "field.deleted", "flow.deleted");
        assertThat(history).allSatisfy(entry -> {
            assertThat(entry.at("/actor/type").asText()).isEqualTo("client");
            assertThat(entry.at("/actor/id").asText()).isEqualTo(RunningPatron.CLIENT_ID);
        });
        assertThat(history.get(3).at("/resource/id").asText()).isEqualTo(tierId);
        assertThat(history.get(3).get("changes")).extracting(change -> change.get("field").asText())
                .containsExactlyInAnyOrder("default", "enabled");
        assertThat(history.get(3).get("changes")).anySatisfy(change -> {
            assertThat(change.get("field").asText()).isEqualTo("default");
            assertThat(change.get("before").asText()).isEqualTo("bronze");
            assertThat(change.get("after").asText()).isEqualTo("gold");
        });
        errors(backOffice.get("/v2/flows/" + UUID.randomUUID() + "/history"), 404);
        errors(storefront.get("/v2/flows/" + flowId + "/history"), 403);
    }

    @Test
    void badDefinitionsAreRefusedNamingThePart() {
        String flowId = json(backOffice.post("/v2/flows", flow("addresses"))).at("/data/id").asText();
        errors(backOffice.post("/v2/flows", "{\"data\":{\"type\":\"flow\",\"slug\":7,\"name\":\"x\",\"enabled\":\"yes\"}}"),
                400, "data.slug", "data.enabled");
        errors(backOffice.post("/v2/fields", field(flowId, "\"slug\":\"n\",\"field_type\":\"integer\","
                + "\"default\":\"12\"")), 400, "data.default");
        errors(backOffice.post("/v2/fields", field(flowId, "\"slug\":\"line_1\",\"field_type\":\"string\"")), 422,
                "data.slug");
        errors(backOffice.post("/v2/fields", field(flowId, "\"slug\":\"n\",\"field_type\":\"integer\","
                + "\"default\":5,\"validation_rules\":[{\"type\":\"between\",\"options\":{\"from\":10,\"to\":20}}]")),
                422, "data.default");
        errors(backOffice.post("/v2/fields", field(flowId, "\"slug\":\"n\",\"field_type\":\"decimal\"")), 422,
                "data.field_type");
        errors(backOffice.post("/v2/fields", field(UUID.randomUUID().toString(),
                "\"slug\":\"n\",\"field_type\":\"string\"")), 422, "data.relationships.flow.data.id");
    }

    @Test
    void storefrontsMayNotReadOrWriteDefinitions() {
        errors(storefront.post("/v2/flows", flow("storefront-" + UUID.randomUUID())), 403);
        errors(storefront.get("/v2/flows"), 403);
        errors(storefront.get("/v2/fields"), 403);
    }
}
