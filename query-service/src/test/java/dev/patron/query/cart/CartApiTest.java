package dev.patron.query.cart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.ErrorDetails;
import dev.patron.events.cart.CartAssociatedWithCustomer;
import dev.patron.events.cart.CartCheckedOut;
import dev.patron.events.cart.CartCreated;
import dev.patron.events.cart.CartItemAdded;
import dev.patron.events.cart.CartItemQuantityChanged;
import dev.patron.events.cart.CartItemRemoved;
import dev.patron.query.RunningQueryService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v2/carts}, {@code GET /v2/carts/:reference} and {@code GET /v2/carts/:reference/items} over real HTTP,
 * on carts the service's own projection built from events published to the event store, as the command service
 * would publish them: totals and the order of items, carts never used, and who may see a customer's cart.
 */
class CartApiTest extends RunningQueryService {

    private static final String AGGREGATE = "Cart";
    private static final String RON = "ca000000-0000-4000-8000-000000000001";
    private static final String LESLIE = "ca000000-0000-4000-8000-000000000002";
    private static final String APRIL = "ca000000-0000-4000-8000-000000000003";
    private static final String SHOPPING = "shopping-" + UUID.randomUUID();
    private static final String RONS_FIRST = "rons-first-" + UUID.randomUUID();
    private static final String RONS_SECOND = "rons-second-" + UUID.randomUUID();
    private static final String LESLIES = "leslies-" + UUID.randomUUID();
    private static final String CHECKED_OUT = "checked-out-" + UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2021-06-01T10:00:00.617Z");

    private static Instant minute(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    @BeforeAll
    void carts() {
        publishCart(SHOPPING, 0, new CartCreated(SHOPPING, "USD"), minute(0));
        publishCart(SHOPPING, 1, item(SHOPPING, "b", "Lagavulin 16", 2, 8999, true), minute(1));
        publishCart(SHOPPING, 2, item(SHOPPING, "a", "Bacon", 1, 99, false), minute(2));
        publishCart(SHOPPING, 3, item(SHOPPING, "d", "Salad", 1, 500, false), minute(3));
        publishCart(SHOPPING, 4, item(SHOPPING, "c", "Porterhouse", 1, 3500, true), minute(4));
        publishCart(SHOPPING, 5, new CartItemQuantityChanged(SHOPPING, "c", 3), minute(5));
        publishCart(SHOPPING, 6, new CartItemRemoved(SHOPPING, "d"), minute(6));

        publishCart(RONS_FIRST, 0, new CartCreated(RONS_FIRST, "EUR"), minute(10));
        publishCart(RONS_FIRST, 1, item(RONS_FIRST, "x", "Woodworking chisel", 1, 4200, true), minute(11));
        publishCart(RONS_FIRST, 2, new CartAssociatedWithCustomer(RONS_FIRST, RON), minute(12));
        publishCart(LESLIES, 0, new CartCreated(LESLIES, "USD"), minute(13));
        publishCart(LESLIES, 1, new CartAssociatedWithCustomer(LESLIES, LESLIE), minute(14));
        publishCart(RONS_SECOND, 0, new CartCreated(RONS_SECOND, "USD"), minute(15));
        publishCart(RONS_SECOND, 1, new CartAssociatedWithCustomer(RONS_SECOND, RON), minute(16));

        publishCart(CHECKED_OUT, 0, new CartCreated(CHECKED_OUT, "USD"), minute(20));
        publishCart(CHECKED_OUT, 1, item(CHECKED_OUT, "y", "Waffles", 4, 250, true), minute(21));
        publishCart(CHECKED_OUT, 2, new CartCheckedOut(CHECKED_OUT, UUID.randomUUID().toString()), minute(22));

        awaitVersion("carts", SHOPPING, 6);
        awaitVersion("carts", RONS_FIRST, 2);
        awaitVersion("carts", LESLIES, 1);
        awaitVersion("carts", RONS_SECOND, 1);
        awaitVersion("carts", CHECKED_OUT, 2);
    }

    private void publishCart(String reference, long sequence, Object payload, Instant at) {
        publish(AGGREGATE, "cart:" + reference, sequence, payload, at);
    }

    private static CartItemAdded item(String reference, String itemId, String name, int quantity, long unitAmount,
                                      boolean includesTax) {
        return new CartItemAdded(reference, itemId, "sku-" + itemId, name, "About " + name, quantity, unitAmount,
                includesTax);
    }

    // ---- a cart and its items

    @Test
    void aCartHasExactlyTheContractsShapeWithItsTotals() {
        Response response = getAsStorefront("/v2/carts/" + SHOPPING, null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(fieldNames(response.json())).containsExactly("data");
        JsonNode cart = response.json().get("data");
        assertThat(fieldNames(cart)).containsExactly("type", "id", "name", "description", "meta");
        assertThat(cart.get("type").asText()).isEqualTo("cart");
        assertThat(cart.get("id").asText()).isEqualTo(SHOPPING);
        assertThat(cart.get("name").asText()).isEqualTo(SHOPPING);
        assertThat(cart.get("description").asText()).isEmpty();
        // 2 x 89.99 + 0.99 + 3 x 35.00, no tax
        assertThat(cart.at("/meta/display_price")).isEqualTo(json("""
                {"with_tax":{"amount":28597,"currency":"USD","formatted":"$285.97"},
                 "without_tax":{"amount":28597,"currency":"USD","formatted":"$285.97"},
                 "tax":{"amount":0,"currency":"USD","formatted":"$0.00"}}"""));
        assertThat(cart.at("/meta/timestamps/created_at").asText()).isEqualTo("2021-06-01T10:00:00.617Z");
        assertThat(cart.at("/meta/timestamps/updated_at").asText()).isEqualTo("2021-06-01T10:06:00.617Z");
    }

    @Test
    void itemsComeInTheOrderTheyWereAddedWithTheirPricesAndTheCartsTotals() {
        Response response = getAsStorefront("/v2/carts/" + SHOPPING + "/items", null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode items = response.json();
        assertThat(fieldNames(items)).containsExactly("data", "meta");
        assertThat(items.get("data")).extracting(item -> item.get("id").asText()).containsExactly("b", "a", "c");
        JsonNode whisky = items.get("data").get(0);
        assertThat(fieldNames(whisky)).containsExactly("type", "id", "name", "description", "sku", "quantity",
                "unit_price", "value", "meta");
        assertThat(whisky.get("type").asText()).isEqualTo("cart_item");
        assertThat(whisky.get("name").asText()).isEqualTo("Lagavulin 16");
        assertThat(whisky.get("description").asText()).isEqualTo("About Lagavulin 16");
        assertThat(whisky.get("sku").asText()).isEqualTo("sku-b");
        assertThat(whisky.get("quantity").asInt()).isEqualTo(2);
        assertThat(whisky.get("unit_price")).isEqualTo(json("{\"amount\":8999,\"currency\":\"USD\",\"includes_tax\":true}"));
        assertThat(whisky.get("value")).isEqualTo(json("{\"amount\":17998,\"currency\":\"USD\",\"includes_tax\":true}"));
        assertThat(whisky.at("/meta/display_price/with_tax")).isEqualTo(json("""
                {"unit":{"amount":8999,"currency":"USD","formatted":"$89.99"},
                 "value":{"amount":17998,"currency":"USD","formatted":"$179.98"}}"""));
        assertThat(whisky.at("/meta/display_price/tax/value/amount").asLong()).isZero();
        assertThat(whisky.at("/meta/timestamps/created_at").asText()).isEqualTo("2021-06-01T10:01:00.617Z");
        JsonNode steak = items.get("data").get(2);
        assertThat(steak.get("quantity").asInt()).isEqualTo(3);
        assertThat(steak.at("/value/amount").asLong()).isEqualTo(10500);
        assertThat(steak.at("/meta/timestamps/updated_at").asText()).isEqualTo("2021-06-01T10:05:00.617Z");
        assertThat(items.get("data").get(1).at("/unit_price/includes_tax").asBoolean()).isFalse();
        assertThat(items.at("/meta/display_price/with_tax/amount").asLong()).isEqualTo(28597);
        assertThat(items.at("/meta/display_price/without_tax/amount").asLong()).isEqualTo(28597);
        assertThat(items.at("/meta/display_price/tax/amount").asLong()).isZero();
        assertThat(items.at("/meta/timestamps/updated_at").asText()).isEqualTo("2021-06-01T10:06:00.617Z");
    }

    @Test
    void aCheckedOutCartIsEmptyAgain() {
        JsonNode cart = getAsStorefront("/v2/carts/" + CHECKED_OUT, null).json().get("data");
        JsonNode items = getAsStorefront("/v2/carts/" + CHECKED_OUT + "/items", null).json();

        assertThat(cart.at("/meta/display_price/with_tax/amount").asLong()).isZero();
        assertThat(items.get("data")).isEmpty();
        assertThat(items.at("/meta/display_price/with_tax/formatted").asText()).isEqualTo("$0.00");
    }

    @Test
    void aCartNeverUsedIsAnEmptyCartInTheDefaultCurrencyOrTheOneAskedFor() {
        String unused = "unused-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);

        Response response = getAsStorefront("/v2/carts/" + unused, null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode cart = response.json().get("data");
        assertThat(cart.get("id").asText()).isEqualTo(unused);
        assertThat(cart.at("/meta/display_price/with_tax")).isEqualTo(json(
                "{\"amount\":0,\"currency\":\"USD\",\"formatted\":\"$0.00\"}"));
        assertThat(Instant.parse(cart.at("/meta/timestamps/created_at").asText())).isAfter(before);
        assertThat(getAsStorefront("/v2/carts/" + unused, null, "X-Moltin-Currency", "eur").json()
                .at("/data/meta/display_price/tax/formatted").asText()).isEqualTo("€0.00");
        JsonNode items = getAsStorefront("/v2/carts/" + unused + "/items", null, "X-Moltin-Currency", "GBP").json();
        assertThat(items.get("data")).isEmpty();
        assertThat(items.at("/meta/display_price/with_tax/currency").asText()).isEqualTo("GBP");
    }

    @Test
    void aCartsOwnCurrencyWinsOverTheOneAskedFor() {
        Response response = getAsStorefront("/v2/carts/" + RONS_FIRST, TOKENS.customer(RON), "X-Moltin-Currency", "USD");

        assertThat(response.json().at("/data/meta/display_price/with_tax/formatted").asText()).isEqualTo("€42.00");
    }

    @Test
    void anUnknownCurrencyIsABadRequestNamingTheHeader() {
        Response response = getAsStorefront("/v2/carts/unused-" + UUID.randomUUID(), null,
                "X-Moltin-Currency", "dollars");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/source").asText()).isEqualTo("X-Moltin-Currency");
        assertThat(response.json().at("/errors/0/detail").asText()).contains("ISO 4217");
    }

    // ---- a customer's carts

    @Test
    void aCustomersCartShowsWhomItBelongsToToThatCustomerAndTheBackOffice() {
        Response own = getAsCustomer(RON, "/v2/carts/" + RONS_FIRST);
        Response backOffice = get("/v2/carts/" + RONS_FIRST);

        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().at("/data/relationships")).isEqualTo(json(
                "{\"customers\":{\"data\":[{\"type\":\"customer\",\"id\":\"" + RON + "\"}]}}"));
        assertThat(backOffice.status()).isEqualTo(200);
        assertThat(backOffice.body()).isEqualTo(own.body());
        assertThat(getAsCustomer(RON, "/v2/carts/" + RONS_FIRST + "/items").json().get("data"))
                .extracting(item -> item.get("name").asText()).containsExactly("Woodworking chisel");
        assertThat(get("/v2/carts/" + RONS_FIRST + "/items").status()).isEqualTo(200);
    }

    @Test
    void aCustomersCartIsNotFoundForAnyOtherStorefrontCaller() {
        for (String path : List.of("/v2/carts/" + RONS_FIRST, "/v2/carts/" + RONS_FIRST + "/items")) {
            for (Response response : List.of(getAsStorefront(path, null), getAsCustomer(LESLIE, path))) {
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.json().at("/errors/0/detail").asText()).isEqualTo(ErrorDetails.CART_NOT_FOUND);
                assertThat(response.body()).doesNotContain("chisel", RON, "EUR");
            }
        }
    }

    @Test
    void aSignedInCustomerListsTheirCartsTheLatestTheirsFirst() {
        Response response = getAsCustomer(RON, "/v2/carts");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode list = response.json();
        assertThat(fieldNames(list)).containsExactly("data", "meta", "links");
        assertThat(ids(list)).containsExactly(RONS_SECOND, RONS_FIRST);
        assertThat(list.get("data").get(1)).isEqualTo(getAsCustomer(RON, "/v2/carts/" + RONS_FIRST).json().get("data"));
        assertThat(list.at("/meta/results/total").asLong()).isEqualTo(2);
        assertThat(ids(getAsCustomer(LESLIE, "/v2/carts").json())).containsExactly(LESLIES);
        assertThat(ids(getAsCustomer(APRIL, "/v2/carts").json())).isEmpty();
    }

    @Test
    void aCustomersCartsComeAPageAtATime() {
        JsonNode page = getAsCustomer(RON, "/v2/carts?page%5Blimit%5D=1&page%5Boffset%5D=1").json();

        assertThat(ids(page)).containsExactly(RONS_FIRST);
        assertThat(page.at("/meta/page/current").asLong()).isEqualTo(2);
        assertThat(page.at("/meta/results/total").asLong()).isEqualTo(2);
        assertThat(page.at("/links/prev").asText()).endsWith("/v2/carts?page%5Blimit%5D=1&page%5Boffset%5D=0");
        assertThat(page.at("/links/next").isNull()).isTrue();
    }

    @Test
    void listingCartsNeedsACustomer() {
        Response storefrontAlone = getAsStorefront("/v2/carts", null);
        assertThat(storefrontAlone.status()).as("refused by the access filter").isEqualTo(403);
        assertThat(storefrontAlone.json().at("/errors/0/detail").asText())
                .isEqualTo("This call needs a back-office token or a customer token");

        Response backOffice = get("/v2/carts");
        assertThat(backOffice.status()).isEqualTo(400);
        assertThat(backOffice.json().at("/errors/0/source").asText()).isEqualTo("X-Moltin-Customer-Token");
        assertThat(backOffice.json().at("/errors/0/detail").asText()).contains("carts of the signed-in customer");
    }

    // ---- helpers

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(cart -> ids.add(cart.get("id").asText()));
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
}
