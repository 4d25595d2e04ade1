package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Carts, checkout and orders over real HTTP against Patron in one process, as {@code ./patron up} runs it: every
 * answer is read back through the API at once (read-your-writes), and every refusal leaves no order behind.
 */
@Tag("integration")
class OrdersHttpTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String BILLING = "{\"first_name\":\"Ron\",\"last_name\":\"Swanson\",\"line_1\":\"1 Sycamore Lane\","
            + "\"city\":\"Pawnee\",\"postcode\":\"47998\",\"county\":\"Wamapoke\",\"country\":\"US\"}";
    private static final String SHIPPING = "{\"first_name\":\"Ron\",\"last_name\":\"Swanson\",\"line_1\":\"1 Sycamore Lane\","
            + "\"city\":\"Pawnee\",\"postcode\":\"47998\",\"country\":\"US\",\"phone_number\":\"+1 317 555 0199\","
            + "\"instructions\":\"Leave it by the woodshed\"}";

    private static RunningPatron patron;
    private static ApiTestClient backOffice;
    private static ApiTestClient storefront;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "orders-" + UUID.randomUUID());
        backOffice = patron.backOffice();
        storefront = patron.storefront();
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    @Nested
    class Carts {

        @Test
        void itemsAddUpAndTheTotalsAreComputedNeverTaken() {
            String cart = newCart();
            HttpResponse<String> added = storefront.post(items(cart), item("WAX", 2, 1500)
                    .replace("\"includes_tax\":true", "\"includes_tax\":true,\"value\":1"));
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            storefront.post(items(cart), item("STEAK", 3, 2999));
            storefront.post(items(cart), item("WAX", 1, 1500));

            JsonNode read = json(storefront.get(items(cart)));
            assertThat(read.get("data")).extracting(line -> line.get("sku").asText() + "x" + line.get("quantity").asInt())
                    .containsExactly("WAXx3", "STEAKx3");
            assertThat(read.at("/meta/display_price/with_tax/amount").asLong()).isEqualTo(3 * 1500 + 3 * 2999);
            assertThat(read.at("/meta/display_price/with_tax/formatted").asText()).isEqualTo("$134.97");
            assertThat(json(storefront.get("/v2/carts/" + cart)).at("/data/meta/display_price/without_tax/amount")
                    .asLong()).isEqualTo(13497);
        }

        @Test
        void theCurrencyComesFromTheHeaderOnFirstUseAndStays() {
            String cart = newCart();
            ApiTestClient inEuros = storefront.withHeader("X-Moltin-Currency", "EUR");
            HttpResponse<String> added = inEuros.post(items(cart), item("WAX", 1, 1500));
            assertThat(json(added).at("/meta/display_price/with_tax/currency").asText()).isEqualTo("EUR");
            errors(storefront.withHeader("X-Moltin-Currency", "GBP").post(items(cart), item("WAX", 1, 1500)), 422,
                    "X-Moltin-Currency");
            errors(storefront.withHeader("X-Moltin-Currency", "XYZ1").post(items(newCart()), item("WAX", 1, 1)), 400,
                    "X-Moltin-Currency");
        }

        @Test
        void quantitiesAndAmountsAreBoundedAndNeverCoerced() {
            String cart = newCart();
            errors(storefront.post(items(cart), item("WAX", 0, 1500)), 422, "data.quantity");
            errors(storefront.post(items(cart), item("WAX", 10_001, 1500)), 422, "data.quantity");
            errors(storefront.post(items(cart), item("WAX", 1, 1_000_000_001L)), 422, "data.price.amount");
            errors(storefront.post(items(cart), item("WAX", 1, -1)), 422, "data.price.amount");
            errors(storefront.post(items(cart), item("WAX", 1, 1500).replace("\"amount\":1500",
                    "\"amount\":99999999999999999999999")), 422, "data.price.amount");
            errors(storefront.post(items(cart), item("WAX", 1, 1500).replace("\"quantity\":1", "\"quantity\":1.5")),
                    400, "data.quantity");
            errors(storefront.post(items(cart), item("WAX", 1, 1500).replace("\"quantity\":1", "\"quantity\":\"2\"")),
                    400, "data.quantity");
            errors(storefront.post(items(cart), "{\"data\":{\"type\":\"custom_item\",\"quantity\":1}}"), 422,
                    "data.name", "data.sku", "data.price");
            errors(storefront.post(items(cart), item("WAX", 1, 1).replace("custom_item", "cart_item")), 400,
                    "data.type");
            HttpResponse<String> bad = storefront.put(items(cart) + "/no-such-item",
                    "{\"data\":{\"type\":\"cart_item\",\"quantity\":2}}");
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(404);
            assertThat(json(storefront.get(items(cart))).get("data")).isEmpty();
        }

        @Test
        void changingAndRemovingItems() {
            String cart = newCart();
            String wax = json(storefront.post(items(cart), item("WAX", 1, 1500))).at("/data/0/id").asText();
            storefront.post(items(cart), item("STEAK", 1, 2999));
            JsonNode changed = json(storefront.put(items(cart) + "/" + wax, "{\"data\":{\"type\":\"cart_item\",\"id\":\""
                    + wax + "\",\"quantity\":4}}"));
            assertThat(changed.at("/meta/display_price/with_tax/amount").asLong()).isEqualTo(4 * 1500 + 2999);
            JsonNode removed = json(storefront.delete(items(cart) + "/" + wax));
            assertThat(removed.get("data")).extracting(line -> line.get("sku").asText()).containsExactly("STEAK");
            assertThat(json(storefront.delete(items(cart))).get("data")).isEmpty();
            assertThat(json(storefront.get(items(cart))).get("data")).isEmpty();
        }

        @Test
        void concurrentAdditionsToOneCartAllLand() throws Exception {
            String cart = newCart();
            List<Callable<Integer>> additions = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String sku = "SKU-" + i;
                additions.add(() -> storefront.post(items(cart), item(sku, 1, 100)).statusCode());
            }
            assertThat(runAtOnce(additions)).containsOnly(201);
            JsonNode read = json(storefront.get(items(cart)));
            assertThat(read.get("data")).hasSize(16);
            assertThat(read.at("/meta/display_price/with_tax/amount").asLong()).isEqualTo(1600);
        }

        @Test
        void aCustomersCartIsReachedOnlyWithTheirToken() {
            Shopper ron = signUp();
            Shopper leslie = signUp();
            String cart = newCart();
            storefront.post(items(cart), item("WAX", 1, 1500));
            HttpResponse<String> associated = ron.client.post("/v2/carts/" + cart + "/relationships/customers",
                    "{\"data\":[{\"type\":\"customer\",\"id\":\"" + ron.id + "\"}]}");
            assertThat(associated.statusCode()).as(associated.body()).isEqualTo(200);

            assertThat(ron.client.get(items(cart)).statusCode()).isEqualTo(200);
            assertThat(backOffice.get(items(cart)).statusCode()).isEqualTo(200);
            errors(storefront.get(items(cart)), 404);
            errors(leslie.client.get("/v2/carts/" + cart), 404);
            errors(leslie.client.post(items(cart), item("WAX", 1, 1500)), 404);
            errors(leslie.client.post("/v2/carts/" + cart + "/relationships/customers",
                    "{\"data\":[{\"type\":\"customer\",\"id\":\"" + ron.id + "\"}]}"), 403, "data[0].id");
            assertThat(json(ron.client.get("/v2/carts")).get("data")).extracting(c -> c.get("id").asText())
                    .containsExactly(cart);
            assertThat(json(leslie.client.get("/v2/carts")).get("data")).isEmpty();
        }
    }

    @Nested
    class Checkout {

        @Test
        void aShopperChecksOutWithTheirTokenAndTheOrderIsInTheirHistoryAtOnce() {
            Shopper ron = signUp();
            String cart = filledCart();
            HttpResponse<String> checkedOut = ron.client.post(checkout(cart), customerCheckout(ron.id));
            assertThat(checkedOut.statusCode()).as(checkedOut.body()).isEqualTo(201);
            JsonNode order = json(checkedOut).get("data");
            assertThat(order.get("status").asText()).isEqualTo("incomplete");
            assertThat(order.get("payment").asText()).isEqualTo("unpaid");
            assertThat(order.get("shipping").asText()).isEqualTo("unfulfilled");
            assertThat(order.at("/customer/email").asText()).isEqualTo(ron.email);
            assertThat(order.at("/relationships/customer/data/id").asText()).isEqualTo(ron.id);
            assertThat(order.at("/shipping_address/phone_number").asText()).isEqualTo("+1 317 555 0199");
            assertThat(order.at("/billing_address/phone_number").isMissingNode()).isTrue();
            assertThat(order.at("/meta/display_price/with_tax/amount").asLong()).isEqualTo(3000);

            JsonNode history = json(ron.client.get("/v2/orders"));
            assertThat(history.get("data")).extracting(o -> o.get("id").asText()).containsExactly(order.get("id").asText());
            assertThat(json(ron.client.get("/v2/orders/" + order.get("id").asText() + "/items")).get("data"))
                    .extracting(line -> line.get("sku").asText()).containsExactly("WAX");
            assertThat(json(backOffice.get(items(cart))).get("data")).as("the cart is empty afterwards").isEmpty();
        }

        @Test
        void aGuestsOrderKeepsTheirDetailsAndBelongsToNoOneEvenAfterASignUpWithTheirEmail() {
            String email = "guest-" + UUID.randomUUID() + "@example.com";
            HttpResponse<String> checkedOut = storefront.post(checkout(filledCart()), guestCheckout(email));
            assertThat(checkedOut.statusCode()).as(checkedOut.body()).isEqualTo(201);
            JsonNode order = json(checkedOut).get("data");
            assertThat(order.at("/customer/email").asText()).isEqualTo(email);
            assertThat(order.has("relationships")).isFalse();

            Shopper later = signUp(email);
            assertThat(json(later.client.get("/v2/orders")).get("data")).isEmpty();
            errors(later.client.get("/v2/orders/" + order.get("id").asText()), 404);
            assertThat(json(backOffice.get("/v2/orders/" + order.get("id").asText())).at("/data/customer/email").asText())
                    .isEqualTo(email);
        }

        @Test
        void aCustomersCheckoutWithoutTheirTokenOrWithAnothersIsRefusedAndMakesNoOrder() {
            Shopper ron = signUp();
            Shopper leslie = signUp();
            String cart = filledCart();
            errors(storefront.post(checkout(cart), customerCheckout(ron.id)), 403, "data.customer.id");
            errors(leslie.client.post(checkout(cart), customerCheckout(ron.id)), 403, "data.customer.id");
            assertThat(json(ron.client.get("/v2/orders")).get("data")).isEmpty();
            assertThat(json(backOffice.get(items(cart))).get("data")).as("the cart is untouched").hasSize(1);
        }

        @Test
        void theBackOfficeLinksAnyExistingCustomerButNoUnknownOne() {
            Shopper ron = signUp();
            HttpResponse<String> linked = backOffice.post(checkout(filledCart()), customerCheckout(ron.id));
            assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
            assertThat(json(ron.client.get("/v2/orders")).get("data")).hasSize(1);
            String cart = filledCart();
            errors(backOffice.post(checkout(cart), customerCheckout(UUID.randomUUID().toString())), 422,
                    "data.customer.id");
            assertThat(json(backOffice.get(items(cart))).get("data")).hasSize(1);
        }

        @Test
        void anEmptyOrNeverUsedCartMakesNoOrder() {
            String email = "empty-" + UUID.randomUUID() + "@example.com";
            errors(storefront.post(checkout(newCart()), guestCheckout(email)), 422, "data");
            String emptied = filledCart();
            storefront.delete(items(emptied));
            errors(storefront.post(checkout(emptied), guestCheckout(email)), 422, "data");
            assertThat(json(backOffice.get("/v2/orders?filter=eq(email," + email + ")")).get("data")).isEmpty();
        }

        @Test
        void badAddressesAndBuyersAreRefusedNamingTheFieldAndMakeNoOrder() {
            String cart = filledCart();
            String email = "bad-" + UUID.randomUUID() + "@example.com";
            errors(storefront.post(checkout(cart), "{\"data\":{\"customer\":{\"name\":\"Tom\",\"email\":\"" + email
                    + "\"},\"billing_address\":" + BILLING.replace("\"US\"", "\"USA\"") + ",\"shipping_address\":"
                    + SHIPPING + "}}"), 422, "data.billing_address.country");
            errors(storefront.post(checkout(cart), "{\"data\":{\"customer\":{\"name\":\"Tom\",\"email\":\"" + email
                    + "\"},\"billing_address\":" + BILLING + ",\"shipping_address\":"
                    + SHIPPING.replace("\"line_1\":\"1 Sycamore Lane\",", "") + "}}"), 422,
                    "data.shipping_address.line_1");
            errors(storefront.post(checkout(cart), "{\"data\":{\"customer\":{\"name\":\"Tom\",\"email\":\"" + email
                    + "\"},\"billing_address\":" + BILLING.replace("\"Pawnee\"", "42") + ",\"shipping_address\":"
                    + SHIPPING + "}}"), 400, "data.billing_address.city");
            errors(storefront.post(checkout(cart), "{\"data\":{\"customer\":{\"name\":\"Tom\",\"email\":\"not-an-email\"},"
                    + "\"billing_address\":" + BILLING + ",\"shipping_address\":" + SHIPPING + "}}"), 422,
                    "data.customer.email");
            errors(storefront.post(checkout(cart), "{\"data\":{\"billing_address\":" + BILLING
                    + ",\"shipping_address\":" + SHIPPING + "}}"), 400, "data.customer");
            errors(storefront.post(checkout(cart), "{\"data\":{\"customer\":{\"name\":\"Tom\",\"email\":\"" + email
                    + "\"},\"shipping_address\":" + SHIPPING + "}}"), 400, "data.billing_address");
            assertThat(json(backOffice.get(items(cart))).get("data")).hasSize(1);
            assertThat(json(backOffice.get("/v2/orders?filter=eq(email," + email + ")")).get("data")).isEmpty();
        }

        @Test
        void checkingOneCartOutManyTimesAtOnceMakesOneOrder() throws Exception {
            String cart = filledCart();
            String email = "race-" + UUID.randomUUID() + "@example.com";
            List<Callable<Integer>> checkouts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                checkouts.add(() -> storefront.post(checkout(cart), guestCheckout(email)).statusCode());
            }
            List<Integer> statuses = runAtOnce(checkouts);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
            assertThat(statuses).filteredOn(status -> status != 201).allMatch(status -> status == 409 || status == 422);
            assertThat(json(backOffice.get("/v2/orders?filter=eq(email," + email + ")")).get("data")).hasSize(1);
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void theBackOfficePaysFulfilsAndCancelsAndEveryOtherChangeIsRefused() {
            String paid = guestOrder();
            errors(backOffice.put("/v2/orders/" + paid, "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\"}}"),
                    422, "data.shipping");
            HttpResponse<String> payment = backOffice.post("/v2/orders/" + paid + "/payments",
                    "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\"}}");
            assertThat(payment.statusCode()).as(payment.body()).isEqualTo(200);
            assertThat(json(payment).at("/data/amount").asLong()).isEqualTo(3000);
            JsonNode read = json(backOffice.get("/v2/orders/" + paid)).get("data");
            assertThat(read.get("payment").asText()).isEqualTo("paid");
            assertThat(read.get("status").asText()).isEqualTo("complete");
            errors(backOffice.post("/v2/orders/" + paid + "/payments",
                    "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\"}}"), 422, "data.method");
            errors(backOffice.put("/v2/orders/" + paid, "{\"data\":{\"type\":\"order\",\"status\":\"cancelled\"}}"),
                    422, "data.status");
            HttpResponse<String> fulfilled = backOffice.put("/v2/orders/" + paid,
                    "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\"}}");
            assertThat(json(fulfilled).at("/data/shipping").asText()).isEqualTo("fulfilled");
            assertThat(json(backOffice.get("/v2/orders/" + paid)).at("/data/shipping").asText()).isEqualTo("fulfilled");

            String authorized = guestOrder();
            backOffice.post("/v2/orders/" + authorized + "/payments", "{\"data\":{\"gateway\":\"manual\",\"method\":\"authorize\"}}");
            assertThat(json(backOffice.get("/v2/orders/" + authorized)).at("/data/payment").asText()).isEqualTo("authorized");
            backOffice.post("/v2/orders/" + authorized + "/payments", "{\"data\":{\"gateway\":\"manual\",\"method\":\"capture\"}}");
            assertThat(json(backOffice.get("/v2/orders/" + authorized)).at("/data/payment").asText()).isEqualTo("paid");

            String cancelled = guestOrder();
            HttpResponse<String> cancel = backOffice.put("/v2/orders/" + cancelled,
                    "{\"data\":{\"type\":\"order\",\"status\":\"cancelled\"}}");
            assertThat(json(cancel).at("/data/status").asText()).isEqualTo("cancelled");
            errors(backOffice.post("/v2/orders/" + cancelled + "/payments",
                    "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\"}}"), 422, "data.method");
            errors(backOffice.post("/v2/orders/" + cancelled + "/payments",
                    "{\"data\":{\"gateway\":\"stripe\",\"method\":\"purchase\"}}"), 422, "data.gateway");
            errors(backOffice.put("/v2/orders/" + cancelled, "{\"data\":{\"type\":\"order\",\"status\":\"complete\"}}"),
                    422, "data.status");
            errors(backOffice.post("/v2/orders/" + UUID.randomUUID() + "/payments",
                    "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\"}}"), 404);
        }

        @Test
        void storefrontsNeitherPayNorChangeNorAnonymizeOrders() {
            Shopper ron = signUp();
            String order = json(ron.client.post(checkout(filledCart()), customerCheckout(ron.id))).at("/data/id").asText();
            errors(ron.client.post("/v2/orders/" + order + "/payments",
                    "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\"}}"), 403);
            errors(ron.client.put("/v2/orders/" + order, "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\"}}"), 403);
            errors(ron.client.post("/v2/orders/anonymize", "{\"data\":{\"order_ids\":[\"" + order + "\"]}}"), 403);
            assertThat(json(ron.client.get("/v2/orders/" + order)).at("/data/payment").asText()).isEqualTo("unpaid");
        }
    }

    @Nested
    class History {

        @Test
        void aShopperSeesOnlyTheirOwnOrdersNewestFirstAndAStorefrontWithoutTokenNone() {
            Shopper ron = signUp();
            Shopper leslie = signUp();
            List<String> placed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                placed.add(json(ron.client.post(checkout(filledCart()), customerCheckout(ron.id))).at("/data/id").asText());
            }
            String leslies = json(leslie.client.post(checkout(filledCart()), customerCheckout(leslie.id)))
                    .at("/data/id").asText();

            JsonNode page = json(ron.client.get("/v2/orders?page[limit]=2"));
            assertThat(page.get("data")).extracting(o -> o.get("id").asText())
                    .containsExactly(placed.get(2), placed.get(1));
            assertThat(page.at("/meta/results/total").asInt()).isEqualTo(3);
            assertThat(json(ron.client.get("/v2/orders?page[limit]=2&page[offset]=2")).get("data"))
                    .extracting(o -> o.get("id").asText()).containsExactly(placed.get(0));
            errors(ron.client.get("/v2/orders/" + leslies), 404);
            errors(ron.client.get("/v2/orders/" + leslies + "/items"), 404);
            errors(storefront.get("/v2/orders"), 403);
            errors(storefront.get("/v2/orders/" + leslies), 403);
        }

        @Test
        void theBackOfficeFiltersAllOrders() {
            Shopper ron = signUp();
            String order = json(ron.client.post(checkout(filledCart()), customerCheckout(ron.id))).at("/data/id").asText();
            assertThat(json(backOffice.get("/v2/orders?filter=eq(customer_id," + ron.id + ")")).get("data"))
                    .extracting(o -> o.get("id").asText()).containsExactly(order);
            assertThat(json(backOffice.get("/v2/orders?filter=eq(email," + ron.email.toUpperCase() + ")")).get("data"))
                    .extracting(o -> o.get("id").asText()).containsExactly(order);
            assertThat(json(backOffice.get("/v2/orders?filter=eq(customer_id," + ron.id + "):eq(status,incomplete)"
                    + ":ge(with_tax,3000):eq(payment,unpaid)")).get("data")).hasSize(1);
            assertThat(json(backOffice.get("/v2/orders?filter=eq(customer_id," + ron.id + "):gt(with_tax,3000)"))
                    .get("data")).isEmpty();
            errors(backOffice.get("/v2/orders?filter=eq(password,x)"), 400, "filter");
        }
    }

    @Nested
    class Erasure {

        @Test
        void anonymizingErasesTheBuyerAndAddressesAndKeepsTheBooks() {
            String email = "anon-" + UUID.randomUUID() + "@example.com";
            String order = json(storefront.post(checkout(filledCart()), guestCheckout(email))).at("/data/id").asText();
            HttpResponse<String> anonymized = backOffice.post("/v2/orders/anonymize",
                    "{\"data\":{\"order_ids\":[\"" + order + "\"]}}");
            assertThat(anonymized.statusCode()).as(anonymized.body()).isEqualTo(200);
            JsonNode read = json(backOffice.get("/v2/orders/" + order)).get("data");
            assertThat(read.at("/customer/email").isNull()).isTrue();
            assertThat(read.at("/customer/name").isNull()).isTrue();
            assertThat(read.get("billing_address").isNull()).isTrue();
            assertThat(read.at("/meta/display_price/with_tax/amount").asLong()).isEqualTo(3000);
            assertThat(json(backOffice.get("/v2/orders?filter=eq(email," + email + ")")).get("data")).isEmpty();
        }

        @Test
        void anUnknownOrderAnonymizesNoneOfTheRequest() {
            String email = "kept-" + UUID.randomUUID() + "@example.com";
            String order = json(storefront.post(checkout(filledCart()), guestCheckout(email))).at("/data/id").asText();
            errors(backOffice.post("/v2/orders/anonymize", "{\"data\":{\"order_ids\":[\"" + order + "\",\""
                    + UUID.randomUUID() + "\"]}}"), 422, "data.order_ids[1]");
            assertThat(json(backOffice.get("/v2/orders/" + order)).at("/data/customer/email").asText()).isEqualTo(email);
        }

        @Test
        void deletingACustomerErasesThePersonalDataOfTheirOrders() {
            Shopper ron = signUp();
            String order = json(ron.client.post(checkout(filledCart()), customerCheckout(ron.id))).at("/data/id").asText();
            assertThat(backOffice.delete("/v2/customers/" + ron.id).statusCode()).isEqualTo(204);
            JsonNode read = json(backOffice.get("/v2/orders/" + order)).get("data");
            assertThat(read.at("/customer/email").isNull()).isTrue();
            assertThat(read.get("shipping_address").isNull()).isTrue();
            assertThat(read.get("status").asText()).isEqualTo("incomplete");
            assertThat(read.at("/meta/display_price/with_tax/amount").asLong()).isEqualTo(3000);
            assertThat(json(backOffice.get("/v2/orders?filter=eq(email," + ron.email + ")")).get("data")).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record Shopper(String id, String email, ApiTestClient client) {
    }

    private static Shopper signUp() {
        return signUp("shopper-" + UUID.randomUUID() + "@example.com");
    }

    private static Shopper signUp(String email) {
        HttpResponse<String> created = storefront.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":"
                + "\"Ron Swanson\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> token = storefront.post("/v2/customers/tokens", "{\"data\":{\"type\":\"token\","
                + "\"authentication_mechanism\":\"password\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return new Shopper(json(created).at("/data/id").asText(), email,
                storefront.withHeader("X-Moltin-Customer-Token", json(token).at("/data/token").asText()));
    }

    private static String newCart() {
        return "cart-" + UUID.randomUUID();
    }

    /** A cart holding two mustache waxes at $15.00. */
    private static String filledCart() {
        String cart = newCart();
        HttpResponse<String> added = storefront.post(items(cart), item("WAX", 2, 1500));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return cart;
    }

    private static String guestOrder() {
        HttpResponse<String> order = storefront.post(checkout(filledCart()),
                guestCheckout("guest-" + UUID.randomUUID() + "@example.com"));
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        return json(order).at("/data/id").asText();
    }

    private static String items(String cart) {
        return "/v2/carts/" + cart + "/items";
    }

    private static String checkout(String cart) {
        return "/v2/carts/" + cart + "/checkout";
    }

    private static String item(String sku, int quantity, long amount) {
        return "{\"data\":{\"type\":\"custom_item\",\"name\":\"" + sku + " thing\",\"sku\":\"" + sku
                + "\",\"description\":\"A " + sku + "\",\"quantity\":" + quantity + ",\"price\":{\"amount\":" + amount
                + ",\"includes_tax\":true}}}";
    }

    private static String customerCheckout(String customerId) {
        return "{\"data\":{\"customer\":{\"id\":\"" + customerId + "\"},\"billing_address\":" + BILLING
                + ",\"shipping_address\":" + SHIPPING + "}}";
    }

    private static String guestCheckout(String email) {
        return "{\"data\":{\"customer\":{\"name\":\"Tom Haverford\",\"email\":\"" + email + "\"},\"billing_address\":"
                + BILLING + ",\"shipping_address\":" + SHIPPING + "}}";
    }

    private static List<Integer> runAtOnce(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(calls)) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

}
