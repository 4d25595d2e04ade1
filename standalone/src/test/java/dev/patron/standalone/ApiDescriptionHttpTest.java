package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.ApiDescription;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import dev.patron.kit.web.ContractErrorController;
import dev.patron.kit.web.DescribedApi;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API description (api-contract's {@code openapi.yaml}) against Patron in one process, over real HTTP: it names
 * exactly the routes the application has, it is served at {@code /openapi.json} without a token, and a walk through
 * the whole API (every operation succeeding once and refused in the typical ways) meets only answers it describes,
 * status and body. Every answer is checked by {@link ApiTestClient} against the description as it arrives; this test
 * also makes sure that every operation was met.
 */
@Tag("integration")
class ApiDescriptionHttpTest {

    private static final DescribedApi API = DescribedApi.get();
    private static final Pattern VARIABLE = Pattern.compile("\\{[^/}]+}");
    private static final String PASSWORD = "correct horse battery staple";
    private static final String ADDRESS = "{\"data\":{\"type\":\"address\",\"name\":\"home\",\"first_name\":\"Ron\","
            + "\"last_name\":\"Swanson\",\"line_1\":\"1 Sycamore Lane\",\"city\":\"Pawnee\",\"postcode\":\"47998\","
            + "\"country\":\"US\"}}";
    private static final String BILLING = "{\"first_name\":\"Ron\",\"last_name\":\"Swanson\",\"line_1\":\"1 Sycamore"
            + " Lane\",\"postcode\":\"47998\",\"country\":\"US\"}";
    private static final String SHIPPING = "{\"first_name\":\"Ron\",\"last_name\":\"Swanson\",\"line_1\":\"1 Sycamore"
            + " Lane\",\"postcode\":\"47998\",\"country\":\"US\",\"phone_number\":\"+1 317 555 0199\"}";

    private static RunningPatron patron;
    private static ApiTestClient anonymous;
    private static ApiTestClient backOffice;
    private static ApiTestClient storefront;

    /** The statuses each operation ({@code METHOD /template}) answered in this test. */
    private final Map<String, Set<Integer>> answered = new TreeMap<>();

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "api-description-" + UUID.randomUUID(),
                List.of("--patron.webhooks.allow-private-targets=true"));
        anonymous = ApiTestClient.onPort(patron.port);
        backOffice = patron.backOffice();
        storefront = patron.storefront();
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    @Test
    void everyRouteOfTheApplicationIsDescribedAndEveryDescribedRouteExists() {
        RequestMappingHandlerMapping mapping =
                patron.context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping.getHandlerMethods().entrySet()) {
            if (handler.getValue().getBeanType() == ContractErrorController.class) {
                continue; // the container's error page, forwarded to, never requested
            }
            RequestMappingInfo info = handler.getKey();
            assertThat(info.getMethodsCondition().getMethods()).as("methods of %s", info).isNotEmpty();
            info.getMethodsCondition().getMethods().forEach(method -> info.getPatternValues().forEach(
                    pattern -> routes.add(method.name() + " " + VARIABLE.matcher(pattern).replaceAll("{}"))));
        }
        Set<String> described = API.operations().stream()
                .map(operation -> operation.method() + " " + operation.shape())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(routes).as("routes of the application").hasSizeGreaterThan(50);
        assertThat(described).as("operations of the description").containsExactlyElementsOf(routes);
    }

    @Test
    void theDescriptionIsServedWithoutATokenAsOpenApi3Json() {
        HttpResponse<String> served = anonymous.get(ApiDescription.PATH);

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode document = json(served);
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(DescribedApi.openApi3Problems(document)).isEmpty();
        assertThat(document).isEqualTo(ApiDescription.tree());
    }

    @Test
    void walkingThroughTheWholeApiMeetsOnlyDescribedAnswers() {
        walkThroughTheApi();
        sweepEveryOperationWithTheTypicalRefusals();

        Set<String> all = API.operations().stream().map(operation -> operation.method() + " " + operation.template())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(all).as("operations answered with a success")
                .allSatisfy(operation -> assertThat(answered.getOrDefault(operation, Set.of()))
                        .as(operation).anyMatch(status -> status / 100 == 2));
        assertThat(all).as("operations answered with a refusal")
                .allSatisfy(operation -> assertThat(answered.getOrDefault(operation, Set.of()))
                        .as(operation).anyMatch(status -> status / 100 == 4));
    }

    /** Every operation once as a client means it, and the refusals a client typically meets on the way. */
    private void walkThroughTheApi() {
        String run = UUID.randomUUID().toString().substring(0, 8);

        // Tokens and keys.
        expect(200, anonymous.get(ApiDescription.PATH));
        expect(200, form("grant_type=client_credentials&client_id=" + RunningPatron.CLIENT_ID + "&client_secret="
                + RunningPatron.CLIENT_SECRET));
        expect(200, form("grant_type=implicit&client_id=" + RunningPatron.CLIENT_ID));
        expect(400, form("grant_type=password&client_id=" + RunningPatron.CLIENT_ID));
        expect(401, form("grant_type=client_credentials&client_id=" + RunningPatron.CLIENT_ID + "&client_secret=no"));
        expect(200, anonymous.get("/oauth/jwks"));
        expect(200, anonymous.get("/.well-known/jwks.json"));

        // Custom fields: a customers flow with one field.
        String flow = id(expect(201, backOffice.post("/v2/flows", "{\"data\":{\"type\":\"flow\",\"slug\":\"customers\","
                + "\"name\":\"Customer extras\",\"description\":\"More about them\",\"enabled\":true}}")));
        expect(422, backOffice.post("/v2/flows", "{\"data\":{\"type\":\"flow\",\"slug\":\"addresses\"}}"));
        expect(403, storefront.post("/v2/flows", "{\"data\":{\"type\":\"flow\",\"slug\":\"x\",\"name\":\"X\"}}"));
        expect(200, backOffice.get("/v2/flows"));
        expect(200, backOffice.get("/v2/flows/" + flow));
        expect(404, backOffice.get("/v2/flows/no-such-flow"));
        expect(200, backOffice.put("/v2/flows/" + flow, "{\"data\":{\"type\":\"flow\",\"name\":\"Extras\"}}"));
        String field = id(expect(201, backOffice.post("/v2/fields", "{\"data\":{\"type\":\"field\",\"name\":\"Nickname\","
                + "\"slug\":\"nickname\",\"field_type\":\"string\",\"validation_rules\":[{\"type\":\"max_length\","
                + "\"options\":{\"length\":20}}],\"relationships\":{\"flow\":{\"data\":{\"type\":\"flow\",\"id\":\""
                + flow + "\"}}}}}")));
        expect(400, backOffice.post("/v2/fields", "{\"data\":{\"type\":\"field\",\"name\":7}}"));
        expect(200, backOffice.get("/v2/fields"));
        expect(200, backOffice.get("/v2/fields/" + field));
        expect(200, backOffice.put("/v2/fields/" + field, "{\"data\":{\"type\":\"field\",\"order\":2}}"));
        expect(200, backOffice.get("/v2/flows/customers/fields"));
        expect(200, backOffice.get("/v2/flows/" + flow + "/history"));
        expect(404, backOffice.get("/v2/flows/no-such-flow/history"));

        // Customers: a sign-up, a back-office creation, and the usual refusals.
        String email = "ron-" + run + "@swanson.com";
        HttpResponse<String> signedUp = expect(201, storefront.post("/v2/customers", "{\"data\":{\"type\":\"customer\","
                + "\"name\":\"Ron Swanson\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\","
                + "\"nickname\":\"Duke\"}}"));
        String customer = id(signedUp);
        expect(409, storefront.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":\"Ron\",\"email\":\""
                + email + "\"}}"));
        expect(422, storefront.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":\"Ron\",\"email\":\"no\"}}"));
        expect(400, storefront.post("/v2/customers", "{\"data\":{\"type\":\"person\"}}"));
        expect(403, storefront.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":\"Ron\",\"email\":\"x-"
                + run + "@swanson.com\",\"external_ref\":\"crm-1\"}}"));
        String other = id(expect(201, backOffice.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":"
                + "\"Leslie Knope\",\"email\":\"leslie-" + run + "@knope.com\",\"external_ref\":\"crm-" + run + "\"}}")));
        expect(200, backOffice.get("/v2/customers?filter=like(name,*Swanson*)&sort=-name&page[limit]=5"));
        expect(400, backOffice.get("/v2/customers?filter=eq(password,x)"));
        expect(403, storefront.get("/v2/customers"));
        expect(401, anonymous.get("/v2/customers"));

        // Signing in, and acting as that customer.
        JsonNode token = json(expect(200, storefront.post("/v2/customers/tokens", "{\"data\":{\"type\":\"token\","
                + "\"authentication_mechanism\":\"password\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\"}}")));
        expect(401, storefront.post("/v2/customers/tokens", "{\"data\":{\"type\":\"token\",\"email\":\"" + email
                + "\",\"password\":\"wrong password\"}}"));
        expect(422, storefront.post("/v2/customers/tokens", "{\"data\":{\"type\":\"token\",\"email\":\"" + email + "\"}}"));
        ApiTestClient ron = storefront.withHeader("X-Moltin-Customer-Token", token.at("/data/token").asText());
        expect(200, ron.get("/v2/customers/" + customer));
        expect(403, ron.get("/v2/customers/" + other));
        expect(404, backOffice.get("/v2/customers/no-such-customer"));
        expect(200, backOffice.get("/v2/customers/" + customer + "?at=" + Instant.now()));
        expect(403, ron.get("/v2/customers/" + customer + "?at=" + Instant.now()));
        expect(200, ron.put("/v2/customers/" + customer, "{\"data\":{\"type\":\"customer\",\"name\":\"Ron Ulysses "
                + "Swanson\",\"nickname\":null}}"));
        expect(422, ron.put("/v2/customers/" + customer, "{\"data\":{\"type\":\"customer\",\"nickname\":\""
                + "far too long for the rule\"}}"));

        // Addresses.
        String address = id(expect(201, ron.post("/v2/customers/" + customer + "/addresses", ADDRESS)));
        String second = id(expect(201, backOffice.post("/v2/customers/" + customer + "/addresses",
                ADDRESS.replace("home", "work"))));
        expect(422, ron.post("/v2/customers/" + customer + "/addresses", "{\"data\":{\"type\":\"address\"}}"));
        expect(404, backOffice.post("/v2/customers/no-such-customer/addresses", ADDRESS));
        expect(200, ron.get("/v2/customers/" + customer + "/addresses?page[limit]=1"));
        expect(200, backOffice.get("/v2/customers/" + customer + "/addresses?at=" + Instant.now()));
        expect(200, ron.get("/v2/customers/" + customer + "/addresses/" + address));
        expect(404, ron.get("/v2/customers/" + customer + "/addresses/no-such-address"));
        expect(200, ron.put("/v2/customers/" + customer + "/addresses/" + address,
                "{\"data\":{\"type\":\"address\",\"city\":\"Eagleton\"}}"));
        expect(422, ron.put("/v2/customers/" + customer + "/addresses/" + address,
                "{\"data\":{\"type\":\"address\",\"country\":\"XX\"}}"));
        expect(204, ron.delete("/v2/customers/" + customer + "/addresses/" + second));
        expect(404, ron.delete("/v2/customers/" + customer + "/addresses/" + second));

        // The customer's history.
        expect(200, backOffice.get("/v2/customers/" + customer + "/history?filter=eq(type,customer.created)"));
        expect(200, ron.get("/v2/customers/" + customer + "/history"));
        expect(400, backOffice.get("/v2/customers/" + customer + "/history?filter=eq(name,Ron)"));

        // Carts: a shopper's, which becomes Ron's, and another emptied.
        String cart = "cart-" + run;
        expect(201, storefront.post("/v2/carts/" + cart + "/items", item("WAX", 2)));
        String item = json(expect(201, storefront.post("/v2/carts/" + cart + "/items", item("STEAK", 1))))
                .at("/data/1/id").asText();
        expect(422, storefront.post("/v2/carts/" + cart + "/items", item("WAX", 0)));
        expect(400, storefront.post("/v2/carts/" + cart + "/items", item("WAX", 1).replace("1,", "\"1\",")));
        expect(200, storefront.get("/v2/carts/" + cart));
        expect(200, storefront.get("/v2/carts/" + cart + "/items"));
        expect(200, storefront.put("/v2/carts/" + cart + "/items/" + item, "{\"data\":{\"type\":\"cart_item\","
                + "\"quantity\":3}}"));
        expect(404, storefront.put("/v2/carts/" + cart + "/items/no-such-item", "{\"data\":{\"type\":\"cart_item\","
                + "\"quantity\":3}}"));
        expect(200, storefront.delete("/v2/carts/" + cart + "/items/" + item));
        expect(200, ron.post("/v2/carts/" + cart + "/relationships/customers", "{\"data\":[{\"type\":\"customer\","
                + "\"id\":\"" + customer + "\"}]}"));
        expect(403, ron.post("/v2/carts/" + cart + "/relationships/customers", "{\"data\":[{\"type\":\"customer\","
                + "\"id\":\"" + other + "\"}]}"));
        expect(404, storefront.get("/v2/carts/" + cart));
        expect(200, ron.get("/v2/carts"));
        expect(400, backOffice.get("/v2/carts"));
        String emptied = "emptied-" + run;
        expect(201, storefront.post("/v2/carts/" + emptied + "/items", item("WAX", 1)));
        expect(200, storefront.delete("/v2/carts/" + emptied + "/items"));

        // Checkout and orders: Ron's order and a guest's.
        String order = id(expect(201, ron.post("/v2/carts/" + cart + "/checkout", "{\"data\":{\"customer\":{\"id\":\""
                + customer + "\"},\"billing_address\":" + BILLING + ",\"shipping_address\":" + SHIPPING + "}}")));
        expect(422, ron.post("/v2/carts/" + cart + "/checkout", "{\"data\":{\"customer\":{\"id\":\"" + customer
                + "\"},\"billing_address\":" + BILLING + ",\"shipping_address\":" + SHIPPING + "}}"));
        expect(403, storefront.post("/v2/carts/" + emptied + "/checkout", "{\"data\":{\"customer\":{\"id\":\""
                + customer + "\"},\"billing_address\":" + BILLING + ",\"shipping_address\":" + SHIPPING + "}}"));
        String guestCart = "guest-" + run;
        expect(201, storefront.post("/v2/carts/" + guestCart + "/items", item("WAX", 1)));
        String guestOrder = id(expect(201, storefront.post("/v2/carts/" + guestCart + "/checkout",
                "{\"data\":{\"customer\":{\"name\":\"April Ludgate\",\"email\":\"april-" + run + "@example.com\"},"
                        + "\"billing_address\":" + BILLING + ",\"shipping_address\":" + SHIPPING + "}}")));
        expect(200, ron.get("/v2/orders"));
        expect(400, ron.get("/v2/orders?filter=eq(status,complete)"));
        expect(200, backOffice.get("/v2/orders?filter=eq(status,incomplete)&sort=-with_tax"));
        expect(200, ron.get("/v2/orders/" + order));
        expect(404, ron.get("/v2/orders/" + guestOrder));
        expect(200, ron.get("/v2/orders/" + order + "/items"));
        expect(404, backOffice.get("/v2/orders/no-such-order/items"));
        expect(200, backOffice.post("/v2/orders/" + order + "/payments", "{\"data\":{\"gateway\":\"manual\","
                + "\"method\":\"authorize\"}}"));
        expect(200, backOffice.post("/v2/orders/" + order + "/payments", "{\"data\":{\"gateway\":\"manual\","
                + "\"method\":\"capture\"}}"));
        expect(422, backOffice.post("/v2/orders/" + order + "/payments", "{\"data\":{\"gateway\":\"stripe\","
                + "\"method\":\"purchase\"}}"));
        expect(200, backOffice.put("/v2/orders/" + order, "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\"}}"));
        expect(422, backOffice.put("/v2/orders/" + order, "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\","
                + "\"status\":\"cancelled\"}}"));
        expect(200, backOffice.post("/v2/orders/anonymize", "{\"data\":{\"order_ids\":[\"" + guestOrder + "\"]}}"));
        expect(400, backOffice.post("/v2/orders/anonymize", "{\"data\":{\"order_ids\":[]}}"));

        // Integrations.
        String integration = id(expect(201, backOffice.post("/v2/integrations", "{\"data\":{\"type\":\"integration\","
                + "\"name\":\"CRM\",\"enabled\":true,\"integration_type\":\"webhook\",\"observes\":[\"customer.created\"],"
                + "\"configuration\":{\"url\":\"http://127.0.0.1:9/hook\",\"secret_key\":\"0123456789abcdef\"}}}")));
        expect(422, backOffice.post("/v2/integrations", "{\"data\":{\"type\":\"integration\",\"name\":\"CRM\","
                + "\"observes\":[\"customer.sneezed\"],\"configuration\":{\"url\":\"ftp://x\",\"secret_key\":\"short\"}}}"));
        expect(200, backOffice.get("/v2/integrations"));
        expect(200, backOffice.get("/v2/integrations/" + integration));
        expect(200, backOffice.put("/v2/integrations/" + integration, "{\"data\":{\"type\":\"integration\","
                + "\"description\":\"The CRM's inbox\"}}"));
        expect(200, backOffice.get("/v2/integrations/" + integration + "/logs?page[limit]=10"));
        expect(204, backOffice.delete("/v2/integrations/" + integration));
        expect(404, backOffice.get("/v2/integrations/" + integration));

        // Importing customers: one created, one rejected.
        expect(200, backOffice.post("/v2/customers/bulk", "{\"data\":[{\"type\":\"customer\",\"name\":\"Tom\","
                + "\"email\":\"tom-" + run + "@example.com\",\"addresses\":[" + ADDRESS.substring(8, ADDRESS.length() - 1)
                + "]},{\"type\":\"customer\",\"name\":\"Ron again\",\"email\":\"" + email + "\"}]}"));
        expect(400, backOffice.post("/v2/customers/bulk", "{\"data\":{}}"));

        // The event feed, the read models, and the internal question the command side asks.
        expect(200, backOffice.get("/v2/events?after=0&limit=10"));
        expect(400, backOffice.get("/v2/events?limit=0"));
        expect(200, backOffice.get("/v2/read-models"));
        expect(200, backOffice.get("/internal/projections/customer-projection/processed?position=1"));
        expect(400, backOffice.get("/internal/projections/customer-projection/processed?position=-1"));

        // Deleting: the field, then the flow; Ron, by himself.
        expect(422, backOffice.delete("/v2/flows/" + flow));
        expect(204, backOffice.delete("/v2/fields/" + field));
        expect(204, backOffice.delete("/v2/flows/" + flow));
        expect(204, ron.delete("/v2/customers/" + customer));
        expect(404, backOffice.delete("/v2/customers/" + customer));

        // Last, as it replays the log beside the live read model.
        expect(202, backOffice.post("/v2/read-models/customers/rebuild", ""));
        expect(404, backOffice.post("/v2/read-models/orders-and-more/rebuild", ""));
    }

    /**
     * Every operation of the description with what a careless or hostile client sends: no token, a storefront token
     * where the back office's is needed, ids that do not exist, a body that is not the operation's, an Accept that
     * rules out JSON, a method the path does not have. Whatever each answers must be described.
     */
    private void sweepEveryOperationWithTheTypicalRefusals() {
        String unknown = "unknown-" + UUID.randomUUID();
        for (DescribedApi.Operation operation : API.operations()) {
            String path = VARIABLE.matcher(operation.template()).replaceAll(unknown);
            String caller = operation.node().path("x-patron-caller").asText();
            boolean takesJson = operation.node().at("/requestBody/content/application~1json").isObject();
            if (!caller.equals("anyone")) {
                expect(401, anonymous.send(request(anonymous, operation.method(), path, takesJson ? "{}" : null)));
            }
            if (caller.equals("back_office")) {
                expect(403, storefront.send(request(storefront, operation.method(), path, takesJson ? "{}" : null)));
            }
            record(backOffice.send(request(backOffice, operation.method(), path, takesJson ? "{}" : null)));
            if (takesJson) {
                expect(400, backOffice.send(request(backOffice, operation.method(), path, "{\"data\":")));
            }
            if (operation.node().path("responses").has("406")) {
                expect(406, backOffice.send(request(backOffice, operation.method(), path, null)
                        .header("Accept", "application/xml")));
            }
            expect(415, backOffice.send(request(backOffice, operation.method(), path, "{}")
                    .setHeader("Content-Type", "*/*")));
            record(backOffice.send(request(backOffice, "PATCH", path, "{}")));
        }
    }

    private static HttpRequest.Builder request(ApiTestClient client, String method, String path, String json) {
        HttpRequest.Builder request = client.request(path);
        if (json == null) {
            return request.method(method, BodyPublishers.noBody());
        }
        return request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> form(String form) {
        return anonymous.send(anonymous.request("/oauth/access_token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form)));
    }

    private static String item(String sku, int quantity) {
        return "{\"data\":{\"type\":\"custom_item\",\"name\":\"" + sku + "\",\"sku\":\"" + sku + "\",\"quantity\":"
                + quantity + ",\"price\":{\"amount\":1500,\"includes_tax\":true}}}";
    }

    private static String id(HttpResponse<String> response) {
        return json(response).at("/data/id").asText();
    }

    /** The answer, asserted to have this status (its description was checked as it arrived), and recorded. */
    private HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body())
                .isEqualTo(status);
        return record(response);
    }

    private HttpResponse<String> record(HttpResponse<String> response) {
        API.find(response.request().method(), response.request().uri().getRawPath()).ifPresent(operation -> answered
                .computeIfAbsent(operation.method() + " " + operation.template(), key -> new TreeSet<>())
                .add(response.statusCode()));
        return response;
    }
}
