package dev.patron.query.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.events.order.OrderPlaced;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.query.RunningQueryService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A customer with many orders reads their history a page at a time, newest first, over real HTTP; guests' orders
 * bought with the same email and other customers' orders, placed in between, are in no one's history. The projection
 * takes batches of 50 events here, so the orders are applied over several batches.
 */
@TestPropertySource(properties = "patron.projection.batch-size=50")
class OrderHistoryApiTest extends RunningQueryService {

    private static final String MANY = "0e000000-0000-4000-8000-000000000001";
    private static final String OTHER = "0e000000-0000-4000-8000-000000000002";
    private static final String EMAIL = "many-" + UUID.randomUUID() + "@pawnee.gov";
    private static final Instant T0 = Instant.parse("2021-07-01T10:00:00.617Z");

    /** MANY's orders in the order they were placed. */
    private final List<String> placed = new ArrayList<>();
    private final List<String> guestOrders = new ArrayList<>();

    @Autowired
    private DataKeyStore dataKeys;

    @BeforeAll
    void sixtyOrdersAmongOthers() {
        dataKeys.createKeys(List.of(MANY, OTHER));
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String orderId = UUID.randomUUID().toString();
            placed.add(orderId);
            events.add(placed(orderId, MANY, i, T0.plusSeconds(60L * i)));
            if (i % 6 == 0) {
                String guests = UUID.randomUUID().toString();
                guestOrders.add(guests);
                events.add(placed(guests, null, i, T0.plusSeconds(60L * i + 1)));
            }
            if (i % 12 == 0) {
                events.add(placed(UUID.randomUUID().toString(), OTHER, i, T0.plusSeconds(60L * i + 2)));
            }
        }
        eventStore.publish(events);
        awaitVersion("orders", placed.get(59), 0);
        awaitVersion("orders", guestOrders.get(guestOrders.size() - 1), 0);
    }

    private EventMessage<?> placed(String orderId, String customerId, int i, Instant at) {
        if (customerId != null) {
            dataKeys.createKeyUnder(orderId, customerId);
        }
        String email = OTHER.equals(customerId) ? "other@pawnee.gov" : EMAIL;
        OrderPlaced event = new OrderPlaced(orderId, "cart-" + i, customerId, new OrderPlaced.Buyer("Many " + i, email),
                null, null, "USD", List.of(new OrderPlaced.Item("item", "sku", "Thing", null, 1, 100L + i, true,
                100L + i)), new OrderPlaced.Totals(100L + i, 0, 100L + i));
        return new GenericDomainEventMessage<>("Order", orderId, 0, event, Map.of(), UUID.randomUUID().toString(), at);
    }

    @Test
    void theHistoryIsWalkedNewestFirstAPageAtATime() {
        List<String> walked = new ArrayList<>();
        List<JsonNode> pages = new ArrayList<>();
        String next = "/v2/orders";
        while (next != null) {
            Response page = getAsCustomer(MANY, next);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            pages.add(page.json());
            page.json().get("data").forEach(order -> walked.add(order.get("id").asText()));
            JsonNode link = page.json().at("/links/next");
            next = link.isNull() ? null : link.asText().substring(("http://localhost:" + port).length());
        }

        assertThat(walked).containsExactlyElementsOf(newestFirst());
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).at("/meta/page/limit").asInt()).isEqualTo(25);
        assertThat(pages.get(0).at("/meta/page/total").asInt()).isEqualTo(3);
        assertThat(pages.get(0).at("/meta/results/total").asInt()).isEqualTo(60);
        assertThat(pages.get(2).get("data")).hasSize(10);
        assertThat(pages.get(2).at("/meta/page/current").asInt()).isEqualTo(3);
        assertThat(pages.get(0).at("/links/last").asText()).endsWith("/v2/orders?page%5Blimit%5D=25&page%5Boffset%5D=50");
    }

    @Test
    void anyWindowOfTheHistoryIsTheSameSliceOfIt() {
        JsonNode page = getAsCustomer(MANY, "/v2/orders?page%5Blimit%5D=7&page%5Boffset%5D=51").json();

        assertThat(ids(page)).containsExactlyElementsOf(newestFirst().subList(51, 58));
        assertThat(ids(getAsCustomer(MANY, "/v2/orders?page%5Boffset%5D=60").json())).isEmpty();
        assertThat(getAsCustomer(MANY, "/v2/orders?page%5Boffset%5D=60").json().at("/meta/results/total").asInt())
                .isEqualTo(60);
    }

    @Test
    void theBackOfficeSeesTheSameHistoryByCustomerAndAlsoTheGuestsOrdersByEmail() {
        String byCustomer = "/v2/orders?page%5Blimit%5D=30&filter=" + encode("eq(customer_id," + MANY + ")");
        assertThat(ids(get(byCustomer).json())).containsExactlyElementsOf(newestFirst().subList(0, 30));
        assertThat(get(byCustomer).json().at("/meta/results/total").asInt()).isEqualTo(60);

        JsonNode byEmail = get("/v2/orders?page%5Blimit%5D=100&filter=" + encode("eq(email," + EMAIL.toUpperCase()
                + ")")).json();
        assertThat(byEmail.at("/meta/results/total").asInt()).isEqualTo(70);
        assertThat(ids(byEmail)).containsAll(guestOrders).containsAll(placed)
                .startsWith(placed.get(59), placed.get(58), placed.get(57), placed.get(56), placed.get(55),
                        guestOrders.get(guestOrders.size() - 1), placed.get(54));
        assertThat(ids(getAsCustomer(OTHER, "/v2/orders").json())).hasSize(5).doesNotContainAnyElementsOf(placed);
    }

    private List<String> newestFirst() {
        List<String> newestFirst = new ArrayList<>(placed);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(order -> ids.add(order.get("id").asText()));
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
