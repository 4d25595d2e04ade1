package dev.patron.query.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import dev.patron.contract.ErrorDetails;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.order.OrderAnonymized;
import dev.patron.events.order.OrderCancelled;
import dev.patron.events.order.OrderFulfilled;
import dev.patron.events.order.OrderPaid;
import dev.patron.events.order.OrderPaymentAuthorized;
import dev.patron.events.order.OrderPlaced;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.eventstore.privacy.LookupKeys;
import dev.patron.query.RunningQueryService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code GET /v2/orders}, {@code GET /v2/orders/:id} and {@code GET /v2/orders/:id/items} over real HTTP, on orders
 * the service's own projection built from events published to the event store as the command service would publish
 * them (a customer's order with its data key kept under the customer's): the contract's shapes, who may read which
 * order, every back-office filter and sort, and the erasure of personal data.
 * <p>
 * Orders, by creation: R1 and R2 are Ron's, L1 and A1 Leslie's (A1 anonymized), G1 and G2 guests' (G2 bought with
 * Ron's email), T1 Tammy's, who is then deleted. Their ids sort in that order of creation.
 */
// It lists every order of its database: a context of its own (a configuration no other
// test class has) gives it a database no other test class writes to.
@TestPropertySource(properties = "spring.application.name=order-api-test")
class OrderApiTest extends RunningQueryService {

    private static final String AGGREGATE = "Order";
    private static final String RON = "0c000000-0000-4000-8000-000000000001";
    private static final String LESLIE = "0c000000-0000-4000-8000-000000000002";
    private static final String TAMMY = "0c000000-0000-4000-8000-000000000003";
    private static final String R1 = "0d000000-0000-4000-8000-000000000001";
    private static final String L1 = "0d000000-0000-4000-8000-000000000002";
    private static final String R2 = "0d000000-0000-4000-8000-000000000003";
    private static final String G1 = "0d000000-0000-4000-8000-000000000004";
    private static final String G2 = "0d000000-0000-4000-8000-000000000005";
    private static final String T1 = "0d000000-0000-4000-8000-000000000006";
    private static final String A1 = "0d000000-0000-4000-8000-000000000007";

    private static final OrderPlaced.Address HOME = new OrderPlaced.Address("Ron", "Swanson", null,
            "1 Sycamore Lane", "Cabin 2", "Pawnee", "47998", "Wamapoke", "US", "+1 317 555 0199", "By the woodshed");
    private static final OrderPlaced.Address BILLING = new OrderPlaced.Address("Ron", "Swanson",
            "Very Good Building Co.", "2 Main St", null, "Pawnee", "47998", "Wamapoke", "US", null, null);

    @Autowired
    private DataKeyStore dataKeys;
    @Autowired
    private LookupKeys lookupKeys;

    private static Instant day(int dayOfJune) {
        return Instant.parse(String.format("2021-06-%02dT10:00:00.617Z", dayOfJune));
    }

    @BeforeAll
    void orders() {
        // What the command service keeps: a key per customer, and each customer order's key wrapped under it.
        dataKeys.createKeys(List.of(RON, LESLIE, TAMMY));
        place(R1, RON, "Ron Swanson", "Ron@Swanson.com", 1500, day(1));
        place(L1, LESLIE, "Leslie Knope", "leslie@pawnee.gov", 999, day(2));
        place(R2, RON, "Ron Swanson", "ron@swanson.com", 21498, day(3));
        place(G1, null, "April Ludgate", "april@pawnee.gov", 5000, day(4));
        place(G2, null, "Ron S", "ron@swanson.com", 750, day(5));
        place(T1, TAMMY, "Tammy Swanson", "tammy@swanson.com", 3000, day(6));
        place(A1, LESLIE, "Leslie Knope", "leslie@pawnee.gov", 100, day(7));
        publish(AGGREGATE, R1, 1, new OrderPaid(R1, "tx-2", "manual", "purchase"), day(8));
        publish(AGGREGATE, R1, 2, new OrderFulfilled(R1), day(9));
        publish(AGGREGATE, L1, 1, new OrderCancelled(L1), day(8));
        publish(AGGREGATE, R2, 1, new OrderPaymentAuthorized(R2, "tx-1", "manual"), day(8));
        publish(AGGREGATE, G2, 1, new OrderPaymentAuthorized(G2, "tx-1", "manual"), day(8));
        publish(AGGREGATE, G2, 2, new OrderPaid(G2, "tx-2", "manual", "capture"), day(9));
        // The back office anonymizes A1; Tammy is deleted. Each appends its event, then destroys the key.
        publish(AGGREGATE, A1, 1, new OrderAnonymized(A1), day(10));
        dataKeys.destroy(A1);
        publish(TAMMY, 0, new CustomerDeleted(TAMMY), day(11));
        dataKeys.destroy(TAMMY);

        awaitVersion("orders", R1, 2);
        awaitVersion("orders", L1, 1);
        awaitVersion("orders", R2, 1);
        awaitVersion("orders", G1, 0);
        awaitVersion("orders", G2, 2);
        awaitVersion("orders", A1, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> raw(T1) != null && raw(T1).getBoolean("personalDataErased"));
    }

    private void place(String orderId, String customerId, String name, String email, long amount, Instant at) {
        if (customerId != null) {
            dataKeys.createKeyUnder(orderId, customerId);
        }
        List<OrderPlaced.Item> items = List.of(
                new OrderPlaced.Item("item-1", "sku-1", "Lagavulin 16", "A bottle", 1, amount - 100, true,
                        amount - 100),
                new OrderPlaced.Item("item-2", "sku-2", "Bacon", null, 2, 50, false, 100));
        publish(AGGREGATE, orderId, 0, new OrderPlaced(orderId, "cart-" + orderId, customerId,
                new OrderPlaced.Buyer(name, email), BILLING, HOME, "USD", items,
                new OrderPlaced.Totals(amount, 0, amount)), at);
    }

    private Document raw(String orderId) {
        return database.getCollection("orders").find(Filters.eq("_id", orderId)).first();
    }

    // ---- one order

    @Test
    void anOrderHasExactlyTheContractsShape() {
        Response response = get("/v2/orders/" + R1);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(fieldNames(response.json())).containsExactly("data");
        JsonNode order = response.json().get("data");
        assertThat(fieldNames(order)).containsExactly("type", "id", "status", "payment", "shipping", "customer",
                "relationships", "billing_address", "shipping_address", "meta");
        assertThat(order.get("type").asText()).isEqualTo("order");
        assertThat(order.get("id").asText()).isEqualTo(R1);
        assertThat(order.get("status").asText()).isEqualTo("complete");
        assertThat(order.get("payment").asText()).isEqualTo("paid");
        assertThat(order.get("shipping").asText()).isEqualTo("fulfilled");
        assertThat(order.get("customer")).isEqualTo(json("{\"name\":\"Ron Swanson\",\"email\":\"Ron@Swanson.com\"}"));
        assertThat(order.get("relationships")).isEqualTo(json(
                "{\"customer\":{\"data\":{\"type\":\"customer\",\"id\":\"" + RON + "\"}}}"));
        assertThat(order.get("billing_address")).isEqualTo(json("""
                {"first_name":"Ron","last_name":"Swanson","company_name":"Very Good Building Co.",
                 "line_1":"2 Main St","line_2":null,"city":"Pawnee","postcode":"47998","county":"Wamapoke",
                 "country":"US"}"""));
        assertThat(order.get("shipping_address")).isEqualTo(json("""
                {"first_name":"Ron","last_name":"Swanson","company_name":null,"line_1":"1 Sycamore Lane",
                 "line_2":"Cabin 2","city":"Pawnee","postcode":"47998","county":"Wamapoke","country":"US",
                 "phone_number":"+1 317 555 0199","instructions":"By the woodshed"}"""));
        assertThat(order.at("/meta/display_price")).isEqualTo(json("""
                {"with_tax":{"amount":1500,"currency":"USD","formatted":"$15.00"},
                 "without_tax":{"amount":1500,"currency":"USD","formatted":"$15.00"},
                 "tax":{"amount":0,"currency":"USD","formatted":"$0.00"}}"""));
        assertThat(order.at("/meta/timestamps")).isEqualTo(json(
                "{\"created_at\":\"2021-06-01T10:00:00.617Z\",\"updated_at\":\"2021-06-09T10:00:00.617Z\"}"));
    }

    @Test
    void aGuestsOrderBelongsToNoCustomer() {
        JsonNode order = get("/v2/orders/" + G1).json().get("data");

        assertThat(order.has("relationships")).isFalse();
        assertThat(order.at("/customer/email").asText()).isEqualTo("april@pawnee.gov");
        assertThat(order.get("status").asText()).isEqualTo("incomplete");
        assertThat(order.get("payment").asText()).isEqualTo("unpaid");
        assertThat(order.get("shipping").asText()).isEqualTo("unfulfilled");
    }

    @Test
    void anOrdersItemsAreItsLinesAsCheckedOut() {
        Response response = get("/v2/orders/" + R2 + "/items");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(fieldNames(response.json())).containsExactly("data");
        JsonNode items = response.json().get("data");
        assertThat(items).extracting(item -> item.get("id").asText()).containsExactly("item-1", "item-2");
        JsonNode bacon = items.get(1);
        assertThat(fieldNames(bacon)).containsExactly("type", "id", "name", "description", "sku", "quantity",
                "unit_price", "value", "meta");
        assertThat(bacon.get("type").asText()).isEqualTo("order_item");
        assertThat(bacon.get("name").asText()).isEqualTo("Bacon");
        assertThat(bacon.get("description").isNull()).isTrue();
        assertThat(bacon.get("sku").asText()).isEqualTo("sku-2");
        assertThat(bacon.get("quantity").asInt()).isEqualTo(2);
        assertThat(bacon.get("unit_price")).isEqualTo(json("{\"amount\":50,\"currency\":\"USD\",\"includes_tax\":false}"));
        assertThat(bacon.get("value")).isEqualTo(json("{\"amount\":100,\"currency\":\"USD\",\"includes_tax\":false}"));
        assertThat(bacon.at("/meta/display_price/without_tax/value/formatted").asText()).isEqualTo("$1.00");
        assertThat(bacon.at("/meta/timestamps").isNull()).as("an order's lines have the order's times").isTrue();
        assertThat(items.get(0).at("/value/amount").asLong()).isEqualTo(21398);
    }

    @Test
    void aCustomerReadsTheirOwnOrder() {
        Response order = getAsCustomer(RON, "/v2/orders/" + R1);
        Response items = getAsCustomer(RON, "/v2/orders/" + R1 + "/items");

        assertThat(order.status()).isEqualTo(200);
        assertThat(order.body()).isEqualTo(get("/v2/orders/" + R1).body());
        assertThat(items.status()).isEqualTo(200);
        assertThat(items.body()).isEqualTo(get("/v2/orders/" + R1 + "/items").body());
    }

    @Test
    void anotherCustomersOrderAndAGuestsAreNotFoundExactlyLikeAMissingOne() {
        Response missing = getAsCustomer(RON, "/v2/orders/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/errors/0/detail").asText()).isEqualTo(ErrorDetails.ORDER_NOT_FOUND);

        for (String orderId : List.of(L1, G2)) {
            for (String path : List.of("/v2/orders/" + orderId, "/v2/orders/" + orderId + "/items")) {
                Response response = getAsCustomer(RON, path);
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.body()).as(path).isEqualTo(missing.body());
            }
        }
    }

    @Test
    void theBackOfficeReadsAnyOrder() {
        for (String orderId : List.of(R1, L1, G2, T1, A1)) {
            assertThat(get("/v2/orders/" + orderId).status()).isEqualTo(200);
            assertThat(get("/v2/orders/" + orderId + "/items").status()).isEqualTo(200);
        }
        assertThat(get("/v2/orders/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void aStorefrontWithoutACustomerTokenIsRefusedByTheAccessFilter() {
        for (String path : List.of("/v2/orders", "/v2/orders/" + G1, "/v2/orders/" + G1 + "/items")) {
            Response response = getAsStorefront(path, null);

            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.json().at("/errors/0/detail").asText())
                    .isEqualTo("This call needs a back-office token or a customer token");
            assertThat(response.body()).doesNotContain("april");
        }
    }

    // ---- personal data erased

    @Test
    void anAnonymizedOrderKeepsItsAmountsItemsAndStatusesButNoPersonalData() {
        JsonNode order = get("/v2/orders/" + A1).json().get("data");

        assertThat(order.get("customer")).isEqualTo(json("{\"name\":null,\"email\":null}"));
        assertThat(order.get("billing_address").isNull()).isTrue();
        assertThat(order.get("shipping_address").isNull()).isTrue();
        assertThat(order.at("/relationships/customer/data/id").asText()).isEqualTo(LESLIE);
        assertThat(order.at("/meta/display_price/with_tax/amount").asLong()).isEqualTo(100);
        assertThat(order.at("/meta/timestamps/updated_at").asText()).isEqualTo("2021-06-10T10:00:00.617Z");
        assertThat(get("/v2/orders/" + A1 + "/items").json().get("data")).hasSize(2);
        assertThat(raw(A1)).doesNotContainKeys("name", "email", "emailKey", "billingAddress", "shippingAddress");
        assertThat(raw(A1).toJson()).doesNotContain("Knope", "pawnee", "Sycamore");
        assertThat(emailEntry("leslie@pawnee.gov").getList("orderIds", String.class)).containsExactly(L1);
    }

    @Test
    void aDeletedCustomersOrdersKeepTheirAmountsItemsAndStatusesButNoPersonalData() {
        JsonNode order = get("/v2/orders/" + T1).json().get("data");

        assertThat(order.get("customer")).isEqualTo(json("{\"name\":null,\"email\":null}"));
        assertThat(order.get("billing_address").isNull()).isTrue();
        assertThat(order.get("shipping_address").isNull()).isTrue();
        assertThat(order.at("/relationships/customer/data/id").asText()).isEqualTo(TAMMY);
        assertThat(order.get("status").asText()).isEqualTo("incomplete");
        assertThat(order.at("/meta/display_price/with_tax/amount").asLong()).isEqualTo(3000);
        assertThat(get("/v2/orders/" + T1 + "/items").json().get("data")).hasSize(2);
        assertThat(raw(T1)).doesNotContainKeys("name", "email", "emailKey", "billingAddress", "shippingAddress");
        assertThat(raw(T1).toJson()).doesNotContain("Tammy", "tammy", "Sycamore");
        assertThat(emailEntry("tammy@swanson.com")).as("the email's lookup entry").isNull();
        assertThat(ids(get("/v2/orders?filter=" + encode("eq(customer_id," + TAMMY + ")")))).containsExactly(T1);
    }

    // ---- a customer's history

    @Test
    void aCustomerListsTheirOwnOrdersNewestFirstWithoutGuestOrdersBoughtWithTheirEmail() {
        Response response = getAsCustomer(RON, "/v2/orders");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(fieldNames(response.json())).containsExactly("data", "meta", "links");
        assertThat(ids(response)).containsExactly(R2, R1);
        assertThat(response.json().get("data").get(1)).isEqualTo(get("/v2/orders/" + R1).json().get("data"));
        assertThat(response.json().at("/meta/results/total").asLong()).isEqualTo(2);
        assertThat(ids(getAsCustomer(LESLIE, "/v2/orders"))).containsExactly(A1, L1);
        assertThat(ids(getAsCustomer(UUID.randomUUID().toString(), "/v2/orders"))).isEmpty();
    }

    @Test
    void aCustomerCannotFilterOrSortTheirHistory() {
        for (String query : List.of("filter=" + encode("eq(customer_id," + LESLIE + ")"), "sort=with_tax")) {
            Response response = getAsCustomer(RON, "/v2/orders?" + query);

            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().at("/errors/0/source").asText()).isEqualTo(query.substring(0, query.indexOf('=')));
            assertThat(response.body()).doesNotContain(L1);
        }
    }

    // ---- the back office's list

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "                                          | A1,T1,G2,G1,R2,L1,R1",
            // customer_id: eq and in through the customer lookup, like over the collection
            "eq(customer_id," + RON + ")               | R2,R1",
            "in(customer_id," + RON + "," + LESLIE + ") | A1,R2,L1,R1",
            "eq(customer_id,nobody)                    | ",
            "like(customer_id,*0001)                   | R2,R1",
            // email: eq and in through the email lookup (case-insensitive), like over the collection
            "eq(email,RON@SWANSON.COM)                 | G2,R2,R1",
            "eq(email,leslie@pawnee.gov)               | L1",
            "eq(email,tammy@swanson.com)               | ",
            "in(email,april@pawnee.gov,Leslie@Pawnee.gov) | G1,L1",
            "like(email,*@swanson.com)                 | G2,R2,R1",
            "like(email,RON@*)                         | G2,R2,R1",
            // name: eq exact, like case-insensitive
            "eq(name,Ron Swanson)                      | R2,R1",
            "eq(name,ron swanson)                      | ",
            "like(name,*knope*)                        | L1",
            "like(name,ron*)                           | G2,R2,R1",
            // statuses: eq and in
            "eq(status,complete)                       | G2,R1",
            "eq(status,incomplete)                     | A1,T1,G1,R2",
            "in(status,cancelled,complete)             | G2,L1,R1",
            "eq(payment,paid)                          | G2,R1",
            "eq(payment,authorized)                    | R2",
            "in(payment,unpaid,authorized)             | A1,T1,G1,R2,L1",
            "eq(shipping,fulfilled)                    | R1",
            "eq(shipping,unfulfilled)                  | A1,T1,G2,G1,R2,L1",
            "in(shipping,fulfilled,unfulfilled)        | A1,T1,G2,G1,R2,L1,R1",
            // created_at: eq and ranges, date-times or dates
            "eq(created_at,2021-06-02T10:00:00.617Z)   | L1",
            "gt(created_at,2021-06-05T10:00:00.617Z)   | A1,T1",
            "ge(created_at,2021-06-05T10:00:00.617Z)   | A1,T1,G2",
            "lt(created_at,2021-06-02)                 | R1",
            "le(created_at,2021-06-02T12:00:00.617+02:00) | L1,R1",
            // with_tax: eq and ranges on the integer amount
            "eq(with_tax,1500)                         | R1",
            "gt(with_tax,3000)                         | G1,R2",
            "ge(with_tax,3000)                         | T1,G1,R2",
            "lt(with_tax,999)                          | A1,G2",
            "le(with_tax,999)                          | A1,G2,L1",
            // several terms: all must hold (an erased order has no name to match)
            "eq(customer_id," + RON + "):eq(status,complete) | R1",
            "eq(email,ron@swanson.com):gt(with_tax,1000) | R2,R1",
            "eq(email,ron@swanson.com):eq(customer_id," + LESLIE + ") | ",
            "in(status,incomplete,complete):lt(with_tax,2000):like(name,*s*) | G2,R1",
    })
    void filtersFindExactlyTheMatchingOrders(String filter, String expected) {
        Response response = get("/v2/orders" + (filter == null ? "" : "?filter=" + encode(filter.trim())));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> expectedIds = expected == null ? List.of() : orderIds(expected);
        assertThat(ids(response)).containsExactlyElementsOf(expectedIds);
        assertThat(response.json().at("/meta/results/total").asLong()).isEqualTo(expectedIds.size());
    }

    @ParameterizedTest(name = "sort={0}")
    @CsvSource(delimiter = '|', value = {
            "-created_at | A1,T1,G2,G1,R2,L1,R1",
            "created_at  | R1,L1,R2,G1,G2,T1,A1",
            "with_tax    | A1,G2,L1,R1,T1,G1,R2",
            "-with_tax   | R2,G1,T1,R1,L1,G2,A1",
            // ties by id
            "status      | L1,R1,G2,R2,G1,T1,A1",
            "-status     | R2,G1,T1,A1,R1,G2,L1",
    })
    void sortOrdersByTheFieldAscendingOrWithALeadingMinusDescending(String sort, String expected) {
        Response response = get("/v2/orders?sort=" + sort.trim());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(ids(response)).containsExactlyElementsOf(orderIds(expected));
    }

    @Test
    void aCustomersOrdersSortedByCreationEitherWay() {
        String byRon = "/v2/orders?filter=" + encode("eq(customer_id," + RON + ")");

        assertThat(ids(get(byRon + "&sort=created_at"))).containsExactly(R1, R2);
        assertThat(ids(get(byRon + "&sort=-created_at"))).containsExactly(R2, R1);
        assertThat(ids(get(byRon + "&sort=-with_tax"))).containsExactly(R2, R1);
        assertThat(ids(get("/v2/orders?sort=created_at&filter=" + encode("eq(email,ron@swanson.com)"))))
                .containsExactly(R1, R2, G2);
    }

    @Test
    void pagesCarryMetaAndLinksThatRepeatTheFilter() {
        String filter = encode("in(status,incomplete,complete)");
        List<String> walked = new ArrayList<>();
        String next = "/v2/orders?filter=" + filter + "&page%5Blimit%5D=2";
        JsonNode first = null;
        while (next != null) {
            Response page = get(next);
            assertThat(page.status()).isEqualTo(200);
            first = first == null ? page.json() : first;
            walked.addAll(ids(page));
            JsonNode link = page.json().at("/links/next");
            next = link.isNull() ? null : link.asText().substring(("http://localhost:" + port).length());
        }

        assertThat(walked).containsExactly(A1, T1, G2, G1, R2, R1);
        assertThat(first.at("/meta/page/total").asInt()).isEqualTo(3);
        assertThat(first.at("/meta/results/total").asInt()).isEqualTo(6);
        assertThat(first.at("/links/last").asText()).contains("filter=in%28status%2Cincomplete%2Ccomplete%29")
                .endsWith("page%5Blimit%5D=2&page%5Boffset%5D=4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "eq(phone,555)                   | unknown field 'phone'",
            "eq(id,x)                        | unknown field 'id'",
            "like(status,comp*)              | operator 'like' is not allowed on field 'status'",
            "gt(email,a@b.c)                 | operator 'gt' is not allowed on field 'email'",
            "in(name,Ron Swanson,Ron S)      | operator 'in' is not allowed on field 'name'",
            "like(with_tax,15*)              | operator 'like' is not allowed on field 'with_tax'",
            "in(created_at,2021-06-01)       | operator 'in' is not allowed on field 'created_at'",
            "eq(status,shipped)              | 'shipped' in 'eq(status,shipped)' is not a status; it is one of incomplete, complete, cancelled",
            "in(payment,paid,refunded)       | 'refunded' in 'in(payment,paid,refunded)' is not a payment",
            "eq(shipping,Fulfilled)          | is not a shipping",
            "gt(with_tax,15.00)              | '15.00' in 'gt(with_tax,15.00)' is not a whole number",
            "ge(created_at,yesterday)        | is not an ISO-8601 date",
            "eq(status,complete             | each term is op(field,value), closed by ')'",
            "ne(status,complete)             | unknown operator 'ne'",
    })
    void filtersOutsideTheGrammarAreA400NamingTheProblem(String filter, String detail) {
        assertRejected("/v2/orders?filter=" + encode(filter.trim()), "filter", detail.trim());
    }

    @ParameterizedTest(name = "sort={0}")
    @CsvSource({"email", "-name", "payment", "customer_id", "updated_at", "'status,with_tax'"})
    void sortingByAnythingElseIsA400(String sort) {
        assertRejected("/v2/orders?sort=" + encode(sort), "sort",
                "sortable fields are status, created_at, with_tax");
    }

    @Test
    void pagingOutsideTheContractsBoundsIsA400() {
        assertRejected("/v2/orders?page%5Blimit%5D=101", "page[limit]", "page[limit] must be a whole number");
        assertRejected("/v2/orders?page%5Boffset%5D=-1", "page[offset]", "page[offset] must be a whole number");
    }

    // ---- helpers

    private void assertRejected(String pathAndQuery, String source, String detailPart) {
        Response response = get(pathAndQuery);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode errors = response.json().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("title").asText()).isEqualTo("Bad Request");
        assertThat(errors.get(0).get("source").asText()).isEqualTo(source);
        assertThat(errors.get(0).get("detail").asText()).contains(detailPart);
        assertThat(response.body()).doesNotContain("Exception", "dev.patron", "mongo");
    }

    private Document emailEntry(String emailKey) {
        return database.getCollection("order_emails").find(Filters.eq("_id", lookupKeys.of(emailKey))).first();
    }

    /** The ids of orders named by their short names in this class ("R1,G2"). */
    private static List<String> orderIds(String names) {
        List<String> ids = new ArrayList<>();
        for (String name : names.trim().split(",")) {
            ids.add(switch (name.trim()) {
                case "R1" -> R1;
                case "L1" -> L1;
                case "R2" -> R2;
                case "G1" -> G1;
                case "G2" -> G2;
                case "T1" -> T1;
                case "A1" -> A1;
                default -> throw new IllegalArgumentException(name);
            });
        }
        return ids;
    }

    private static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        response.json().get("data").forEach(order -> ids.add(order.get("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(String text) {
        return new Response(200, text).json();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
