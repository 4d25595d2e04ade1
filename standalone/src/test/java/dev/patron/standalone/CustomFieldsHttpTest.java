package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Customers carrying the store's custom fields, over real HTTP against Patron in one process: values checked against
 * the definitions in force, stored, shown on every read, filtered and sorted like built-in fields, kept in history and
 * the feed, and definitions changed afterwards without breaking a stored value. Each test scopes its customers by a
 * {@code cohort} value of its own.
 */
@Tag("integration")
class CustomFieldsHttpTest {

    private static RunningPatron patron;
    private static ApiTestClient backOffice;
    private static ApiTestClient storefront;
    private static String flowId;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "custom-fields-" + UUID.randomUUID());
        backOffice = patron.backOffice();
        storefront = patron.storefront();
        HttpResponse<String> flow = backOffice.post("/v2/flows", "{\"data\":{\"type\":\"flow\",\"slug\":\"customers\","
                + "\"name\":\"Customer extras\",\"enabled\":true}}");
        assertThat(flow.statusCode()).as(flow.body()).isEqualTo(201);
        flowId = json(flow).at("/data/id").asText();
        defineField("\"slug\":\"cohort\",\"field_type\":\"string\",\"order\":0");
        defineField("\"slug\":\"tier\",\"field_type\":\"string\",\"order\":1,\"default\":\"bronze\","
                + "\"personal_data\":false,"
                + "\"validation_rules\":[{\"type\":\"enum\",\"options\":[\"bronze\",\"silver\",\"gold\"]}]");
        defineField("\"slug\":\"age\",\"field_type\":\"integer\",\"order\":2,"
                + "\"validation_rules\":[{\"type\":\"between\",\"options\":{\"from\":18,\"to\":130}}]");
        defineField("\"slug\":\"score\",\"field_type\":\"float\",\"order\":3");
        defineField("\"slug\":\"vip\",\"field_type\":\"boolean\",\"order\":4");
        defineField("\"slug\":\"birthday\",\"field_type\":\"date\",\"order\":5");
        defineField("\"slug\":\"nickname\",\"field_type\":\"string\",\"order\":6,\"validation_rules\":"
                + "[{\"type\":\"min_length\",\"options\":{\"length\":2}},{\"type\":\"max_length\",\"options\":{\"length\":12}}]");
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    private static String defineField(String parts) {
        HttpResponse<String> field = backOffice.post("/v2/fields", "{\"data\":{\"type\":\"field\",\"name\":\"A field\","
                + parts + ",\"relationships\":{\"flow\":{\"data\":{\"type\":\"flow\",\"id\":\"" + flowId + "\"}}}}}");
        assertThat(field.statusCode()).as(field.body()).isEqualTo(201);
        return json(field).at("/data/id").asText();
    }

    private static String customer(String extra) {
        return "{\"data\":{\"type\":\"customer\",\"name\":\"Ron Swanson\",\"email\":\"ron-" + UUID.randomUUID()
                + "@swanson.com\"" + (extra.isEmpty() ? "" : "," + extra) + "}}";
    }

    private static String create(String extra) {
        HttpResponse<String> created = backOffice.post("/v2/customers", customer(extra));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).at("/data/id").asText();
    }

    private static JsonNode read(String id) {
        HttpResponse<String> read = backOffice.get("/v2/customers/" + id);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return json(read).get("data");
    }

    private static List<String> idsMatching(String cohort, String filter, String sort) {
        HttpResponse<String> list = backOffice.get("/v2/customers?filter=" + URLEncoder.encode(
                "eq(cohort," + cohort + ")" + (filter.isEmpty() ? "" : ":" + filter), StandardCharsets.UTF_8)
                + (sort == null ? "" : "&sort=" + sort));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(list).get("data").forEach(customer -> ids.add(customer.get("id").asText()));
        return ids;
    }

    @Test
    void valuesAreCheckedStoredAndShownOnEveryRead() {
        String cohort = "shown-" + UUID.randomUUID();
        HttpResponse<String> created = backOffice.post("/v2/customers", customer("\"cohort\":\"" + cohort + "\","
                + "\"tier\":\"gold\",\"age\":52,\"score\":4.5,\"vip\":true,\"birthday\":\"1971-05-06\","
                + "\"shoe_size\":44"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode answer = json(created).get("data");
        String id = answer.get("id").asText();

        for (JsonNode shown : List.of(answer, read(id), json(backOffice.get("/v2/customers?filter=eq(cohort,"
                + cohort + ")")).get("data").get(0))) {
            assertThat(shown.get("tier").asText()).isEqualTo("gold");
            assertThat(shown.get("age").isIntegralNumber()).isTrue();
            assertThat(shown.get("age").asLong()).isEqualTo(52);
            assertThat(shown.get("score").asDouble()).isEqualTo(4.5);
            assertThat(shown.get("vip").asBoolean()).isTrue();
            assertThat(shown.get("birthday").asText()).isEqualTo("1971-05-06");
            assertThat(shown.has("nickname")).as("a field without a value or default shows null").isTrue();
            assertThat(shown.get("nickname").isNull()).isTrue();
            assertThat(shown.has("shoe_size")).as("no definition names it: never stored").isFalse();
            assertThat(shown.has("meta") && shown.get("meta").has("custom_field_problems")).isFalse();
        }
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndNothingIsStored() {
        String cohort = "refused-" + UUID.randomUUID();
        errors(backOffice.post("/v2/customers", customer("\"cohort\":\"" + cohort + "\",\"age\":\"52\","
                + "\"vip\":\"yes\",\"score\":\"high\",\"birthday\":\"06/05/1971\"")), 400,
                "data.age", "data.score", "data.vip", "data.birthday");
        errors(backOffice.post("/v2/customers", customer("\"cohort\":\"" + cohort + "\",\"age\":52.5")), 400,
                "data.age");
        errors(backOffice.post("/v2/customers", customer("\"cohort\":\"" + cohort + "\",\"tier\":\"platinum\","
                + "\"age\":12,\"nickname\":\"R\"")), 422, "data.tier", "data.age", "data.nickname");
        errors(backOffice.post("/v2/customers", customer("\"cohort\":\"" + cohort + "\",\"nickname\":\""
                + "Ron the Swanson\"")), 422, "data.nickname");
        assertThat(idsMatching(cohort, "", null)).isEmpty();

        String id = create("\"cohort\":\"" + cohort + "\",\"age\":40");
        errors(backOffice.put("/v2/customers/" + id, "{\"data\":{\"type\":\"customer\",\"age\":200}}"), 422,
                "data.age");
        assertThat(read(id).get("age").asLong()).isEqualTo(40);
    }

    @Test
    void updatesSetAndRemoveValuesAndLeaveTheOthers() {
        String cohort = "updated-" + UUID.randomUUID();
        String id = create("\"cohort\":\"" + cohort + "\",\"tier\":\"silver\",\"age\":30,\"nickname\":\"Ronnie\"");
        // Patron runs in this process: its clock is this one, so the creation is stored before this instant.
        String before = Instant.now().toString();
        HttpResponse<String> updated = backOffice.put("/v2/customers/" + id,
                "{\"data\":{\"type\":\"customer\",\"age\":31,\"tier\":null}}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode shown = read(id);
        assertThat(shown.get("age").asLong()).isEqualTo(31);
        assertThat(shown.get("tier").asText()).as("removed: its default shows").isEqualTo("bronze");
        assertThat(shown.get("nickname").asText()).isEqualTo("Ronnie");
        assertThat(json(updated).get("data").get("age").asLong()).isEqualTo(31);

        JsonNode then = json(backOffice.get("/v2/customers/" + id + "?at=" + before)).get("data");
        assertThat(then.get("age").asLong()).as("as they were at creation").isEqualTo(30);
        assertThat(then.get("tier").asText()).isEqualTo("silver");
    }

    @Test
    void everyTypeFiltersAndSortsWithTheGrammarOfBuiltInFields() {
        String cohort = "filtered-" + UUID.randomUUID();
        String ron = create("\"cohort\":\"" + cohort + "\",\"tier\":\"gold\",\"age\":52,\"score\":4.5,\"vip\":true,"
                + "\"birthday\":\"1971-05-06\",\"nickname\":\"Duke\"");
        String ann = create("\"cohort\":\"" + cohort + "\",\"tier\":\"silver\",\"age\":35,\"score\":2.25,"
                + "\"vip\":false,\"birthday\":\"1988-02-01\",\"nickname\":\"Annie\"");
        String leslie = create("\"cohort\":\"" + cohort + "\",\"age\":44,\"birthday\":\"1975-01-18\"");

        assertThat(idsMatching(cohort, "eq(tier,gold)", null)).containsExactly(ron);
        assertThat(idsMatching(cohort, "eq(tier,bronze)", null)).as("default shown, default matched")
                .containsExactly(leslie);
        assertThat(idsMatching(cohort, "in(tier,silver,gold)", "age")).containsExactly(ann, ron);
        assertThat(idsMatching(cohort, "like(nickname,*NNI*)", null)).containsExactly(ann);
        assertThat(idsMatching(cohort, "gt(age,40):lt(age,50)", null)).containsExactly(leslie);
        assertThat(idsMatching(cohort, "ge(score,2.25)", "-score")).containsExactly(ron, ann);
        assertThat(idsMatching(cohort, "eq(vip,true)", null)).containsExactly(ron);
        assertThat(idsMatching(cohort, "in(age,35,52)", "age")).containsExactly(ann, ron);
        assertThat(idsMatching(cohort, "lt(birthday,1980-01-01)", "birthday")).containsExactly(ron, leslie);
        assertThat(idsMatching(cohort, "", "-birthday")).containsExactly(ann, leslie, ron);

        errors(backOffice.get("/v2/customers?filter=like(age,5*)"), 400, "filter");
        errors(backOffice.get("/v2/customers?filter=gt(vip,true)"), 400, "filter");
        errors(backOffice.get("/v2/customers?filter=gt(age,old)"), 400, "filter");
        errors(backOffice.get("/v2/customers?filter=eq(shoe_size,44)"), 400, "filter");
        errors(backOffice.get("/v2/customers?sort=shoe_size"), 400, "sort");
    }

    @Test
    void aStorefrontSignUpCarriesValuesButCannotDefineFields() {
        String cohort = "signup-" + UUID.randomUUID();
        HttpResponse<String> signUp = storefront.post("/v2/customers", customer("\"cohort\":\"" + cohort + "\","
                + "\"vip\":false,\"password\":\"correct horse battery\""));
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
        assertThat(json(signUp).at("/data/vip").asBoolean()).isFalse();
        errors(storefront.post("/v2/customers", customer("\"cohort\":\"" + cohort + "\",\"age\":3")), 422, "data.age");
        errors(storefront.post("/v2/fields", "{\"data\":{\"type\":\"field\",\"slug\":\"x\",\"name\":\"x\","
                + "\"field_type\":\"string\",\"relationships\":{\"flow\":{\"data\":{\"type\":\"flow\",\"id\":\""
                + flowId + "\"}}}}}"), 403);
    }

    @Test
    void aRequiredFieldWithoutDefaultIsRequiredOnCreateAndCannotBeCleared() {
        String fieldId = defineField("\"slug\":\"member_no\",\"field_type\":\"integer\",\"required\":true,"
                + "\"order\":9");
        try {
            errors(backOffice.post("/v2/customers", customer("")), 422, "data.member_no");
            String id = create("\"member_no\":1001");
            errors(backOffice.put("/v2/customers/" + id, "{\"data\":{\"type\":\"customer\",\"member_no\":null}}"),
                    422, "data.member_no");
            HttpResponse<String> renamed = backOffice.put("/v2/customers/" + id,
                    "{\"data\":{\"type\":\"customer\",\"name\":\"Ronald\"}}");
            assertThat(renamed.statusCode()).as("an update that leaves it alone").isEqualTo(200);
        } finally {
            assertThat(backOffice.delete("/v2/fields/" + fieldId).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void definitionsChangeWithoutBreakingAStoredValue() {
        String cohort = "changed-" + UUID.randomUUID();
        String codeField = defineField("\"slug\":\"code\",\"field_type\":\"string\",\"order\":10");
        String id = create("\"cohort\":\"" + cohort + "\",\"code\":\"abc\"");
        try {
            // Disabled: gone from answers and filters, kept in history.
            assertThat(backOffice.put("/v2/fields/" + codeField, "{\"data\":{\"type\":\"field\",\"enabled\":false}}")
                    .statusCode()).isEqualTo(200);
            assertThat(read(id).has("code")).isFalse();
            errors(backOffice.get("/v2/customers?filter=eq(code,abc)"), 400, "filter");
            JsonNode created = json(backOffice.get("/v2/customers/" + id + "/history")).get("data").get(0);
            assertThat(created.get("changes")).anySatisfy(change -> {
                assertThat(change.get("field").asText()).isEqualTo("code");
                assertThat(change.get("after").asText()).isEqualTo("abc");
            });

            // Enabled again as an integer: the stored text is shown as it is and reported, never dropped or a 5xx.
            HttpResponse<String> retyped = backOffice.put("/v2/fields/" + codeField,
                    "{\"data\":{\"type\":\"field\",\"enabled\":true,\"field_type\":\"integer\"}}");
            assertThat(retyped.statusCode()).as(retyped.body()).isEqualTo(200);
            JsonNode shown = read(id);
            assertThat(shown.get("code").asText()).isEqualTo("abc");
            assertThat(shown.at("/meta/custom_field_problems/0/field").asText()).isEqualTo("code");
            assertThat(idsMatching(cohort, "gt(code,5)", null)).isEmpty();
            assertThat(backOffice.get("/v2/customers?filter=eq(cohort," + cohort + ")").statusCode()).isEqualTo(200);

            // A new field with a default fills customers stored before it existed.
            String since = defineField("\"slug\":\"since\",\"field_type\":\"date\",\"default\":\"2020-01-01\","
                    + "\"order\":11");
            assertThat(read(id).get("since").asText()).isEqualTo("2020-01-01");
            assertThat(idsMatching(cohort, "le(since,2020-06-30)", null)).containsExactly(id);
            assertThat(backOffice.delete("/v2/fields/" + since).statusCode()).isEqualTo(204);
            assertThat(read(id).has("since")).isFalse();
        } finally {
            assertThat(backOffice.delete("/v2/fields/" + codeField).statusCode()).isEqualTo(204);
        }
        assertThat(read(id).has("code")).isFalse();
    }

    @Test
    void historyAndFeedCarryValuesAndErasureKeepsOnlyThoseThatAreNotPersonal() {
        String cohort = "erased-" + UUID.randomUUID();
        String id = create("\"cohort\":\"" + cohort + "\",\"tier\":\"gold\",\"nickname\":\"Duke\"");
        JsonNode feed = json(backOffice.get("/v2/events?limit=1000")).get("data");
        JsonNode createdEvent = null;
        for (JsonNode event : feed) {
            if (event.at("/data/id").asText().equals(id)) {
                createdEvent = event;
            }
        }
        assertThat(createdEvent).as("customer.created of %s in the feed", id).isNotNull();
        assertThat(createdEvent.at("/data/nickname").asText()).isEqualTo("Duke");
        assertThat(createdEvent.at("/data/tier").asText()).isEqualTo("gold");

        assertThat(backOffice.delete("/v2/customers/" + id).statusCode()).isEqualTo(204);
        JsonNode created = json(backOffice.get("/v2/customers/" + id + "/history")).get("data").get(0);
        List<String> fields = new ArrayList<>();
        created.get("changes").forEach(change -> fields.add(change.get("field").asText()));
        assertThat(fields).contains("tier").doesNotContain("nickname", "cohort");
        assertThat(json(backOffice.get("/v2/customers/" + id + "/history")).toString()).doesNotContain("Duke");
    }

    @Test
    void addressesCarryTheValuesOfAnAddressesFlow() {
        HttpResponse<String> flow = backOffice.post("/v2/flows", "{\"data\":{\"type\":\"flow\",\"slug\":\"addresses\","
                + "\"name\":\"Address extras\",\"enabled\":true}}");
        assertThat(flow.statusCode()).as(flow.body()).isEqualTo(201);
        String addressFlow = json(flow).at("/data/id").asText();
        HttpResponse<String> window = backOffice.post("/v2/fields", "{\"data\":{\"type\":\"field\",\"name\":\"Window\","
                + "\"slug\":\"delivery_window\",\"field_type\":\"string\",\"default\":\"any\",\"validation_rules\":"
                + "[{\"type\":\"enum\",\"options\":[\"any\",\"morning\",\"evening\"]}],\"relationships\":{\"flow\":"
                + "{\"data\":{\"type\":\"flow\",\"id\":\"" + addressFlow + "\"}}}}}");
        assertThat(window.statusCode()).as(window.body()).isEqualTo(201);
        String customerId = create("");
        String addresses = "/v2/customers/" + customerId + "/addresses";
        String address = "\"type\":\"address\",\"first_name\":\"Ron\",\"last_name\":\"Swanson\","
                + "\"line_1\":\"1 Sycamore Lane\",\"postcode\":\"47998\",\"country\":\"US\"";

        errors(backOffice.post(addresses, "{\"data\":{" + address + ",\"delivery_window\":\"night\"}}"), 422,
                "data.delivery_window");
        HttpResponse<String> created = backOffice.post(addresses, "{\"data\":{" + address
                + ",\"delivery_window\":\"evening\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String addressId = json(created).at("/data/id").asText();
        assertThat(json(created).at("/data/delivery_window").asText()).isEqualTo("evening");
        assertThat(json(backOffice.get(addresses + "/" + addressId)).at("/data/delivery_window").asText())
                .isEqualTo("evening");

        HttpResponse<String> cleared = backOffice.put(addresses + "/" + addressId,
                "{\"data\":{\"type\":\"address\",\"delivery_window\":null}}");
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        assertThat(json(backOffice.get(addresses)).at("/data/0/delivery_window").asText())
                .as("removed: the default shows").isEqualTo("any");
        assertThat(json(backOffice.get(addresses)).at("/data/0/first_name").asText()).isEqualTo("Ron");

        assertThat(backOffice.delete("/v2/fields/" + json(window).at("/data/id").asText()).statusCode())
                .isEqualTo(204);
        assertThat(json(backOffice.get(addresses + "/" + addressId)).get("data").has("delivery_window")).isFalse();
        assertThat(backOffice.delete("/v2/flows/" + addressFlow).statusCode()).isEqualTo(204);
    }
}
