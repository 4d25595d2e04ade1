package dev.patron.query.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.ObservableEvents;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.cart.CartCreated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerSignInFailed;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.PasswordSet;
import dev.patron.events.metadata.EventMetadata;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.query.RunningQueryService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The feed over real HTTP on the real event store. The class has a context and database of its own (it reads the whole
 * log), with a gap timeout short enough that an index lost to a collision between concurrent writers (which the
 * embedded server can cause) holds a consumer up for seconds, not the default 30, and still far longer than a live
 * writer takes between reserving an index and writing it.
 */
@TestPropertySource(properties = "patron.event-store.gap-timeout=PT5S")
class EventFeedApiTest extends RunningQueryService {

    private static final String RON = UUID.randomUUID().toString();
    private static final String ADDRESS = UUID.randomUUID().toString();
    private static final String HASH = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123Z");
    private static final Map<String, String> BY_THE_BACK_OFFICE = Map.of(EventMetadata.ACTOR_TYPE, "client",
            EventMetadata.ACTOR_ID, "back-office-client", EventMetadata.REQUEST_ID, "req-1",
            EventMetadata.CORRELATION_ID, "req-1");

    @Autowired
    private DataKeyStore dataKeys;

    /** The ids of the first events stored, in the order stored: the start of the log. */
    private final List<String> firstIds = new ArrayList<>();

    @BeforeAll
    void aCustomerWithAPasswordAnAddressAFailedSignInAndACart() {
        dataKeys.createKeys(List.of(RON));
        // One commit of two events, as a sign-up with a password is.
        eventStore.publish(List.of(
                message("Customer", RON, 0, new CustomerCreated(RON, "Ron Swanson", "ron@pawnee.gov", "ext-1"),
                        BY_THE_BACK_OFFICE),
                message("Customer", RON, 1, new PasswordSet(RON, HASH), BY_THE_BACK_OFFICE)));
        eventStore.publish(message("Customer", RON, 2, new CustomerSignInFailed(RON, 1), Map.of()));
        eventStore.publish(message("Customer", RON, 3, new AddressCreated(ADDRESS, RON, new AddressCreated.Details(
                "home", "Ron", "Swanson", null, null, null, "1 Main St", null, "Pawnee", null, null, "46001", "US")),
                Map.of(EventMetadata.ACTOR_TYPE, "customer", EventMetadata.ACTOR_ID, RON,
                        EventMetadata.REQUEST_ID, "req-2")));
        eventStore.publish(message("Cart", "cart:feed", 0, new CartCreated("feed", "USD"), Map.of()));
        eventStore.publish(message("Customer", RON, 4, new CustomerUpdated(RON, "Ron Ulysses Swanson",
                "ron@pawnee.gov", "ext-1"), BY_THE_BACK_OFFICE));
    }

    @Test
    void theFeedAnswersTheObservableEventsInStoreOrderWithIdsActorsAndNoPasswordMaterial() {
        Response page = get("/v2/events?limit=4");

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(HASH).doesNotContain("passwordHash").doesNotContain("password_hash");
        JsonNode data = page.json().get("data");
        assertThat(data).extracting(event -> event.get("type").asText())
                .containsExactly("customer.created", "customer.updated", "address.created", "customer.updated");
        assertThat(data).extracting(event -> event.get("position").asLong()).containsExactly(1L, 2L, 4L, 6L);
        assertThat(data).extracting(event -> event.get("id").asText()).containsExactlyElementsOf(
                List.of(firstIds.get(0), firstIds.get(1), firstIds.get(3), firstIds.get(5)));
        assertThat(data).allSatisfy(event -> assertThat(event.get("version").asInt()).isEqualTo(ObservableEvents.VERSION));

        JsonNode created = data.get(0);
        assertThat(created.get("occurred_at").asText()).isEqualTo("2026-03-01T09:00:00.123Z");
        assertThat(created.at("/actor/type").asText()).isEqualTo("client");
        assertThat(created.at("/actor/id").asText()).isEqualTo("back-office-client");
        assertThat(created.get("request_id").asText()).isEqualTo("req-1");
        assertThat(created.at("/data/type").asText()).isEqualTo("customer");
        assertThat(created.at("/data/id").asText()).isEqualTo(RON);
        assertThat(created.at("/data/name").asText()).isEqualTo("Ron Swanson");
        assertThat(created.at("/data/email").asText()).isEqualTo("ron@pawnee.gov");
        assertThat(data.get(1).get("data").get("password").asBoolean()).isTrue();
        assertThat(data.get(2).at("/actor/type").asText()).isEqualTo("customer");
        assertThat(data.get(2).at("/actor/id").asText()).isEqualTo(RON);
        assertThat(data.get(2).at("/data/line_1").asText()).isEqualTo("1 Main St");
        assertThat(data.get(2).at("/data/customer_id").asText()).isEqualTo(RON);

        assertThat(page.json().at("/meta/cursor").asLong()).isEqualTo(6);
        assertThat(page.json().at("/links/next").asText())
                .isEqualTo("http://localhost:" + port + "/v2/events?after=6&limit=4");
    }

    @Test
    void aConsumerPagingByCursorSeesTheSameEventsAsOneLargePage() {
        List<JsonNode> walked = walk(0, 1);
        List<JsonNode> onePage = new ArrayList<>();
        get("/v2/events?limit=1000").json().get("data").forEach(onePage::add);

        assertThat(ids(walked)).startsWith(firstIds.get(0), firstIds.get(1), firstIds.get(3), firstIds.get(5))
                .containsExactlyElementsOf(ids(onePage.subList(0, walked.size())));
        assertThat(positions(walked)).isSorted().doesNotHaveDuplicates();
        assertThat(get("/v2/events").json().at("/links/next").asText()).endsWith("limit=100");
    }

    @Test
    void aConsumerStartingAtAnyPositionSeesEverythingAfterItAndNothingBefore() {
        List<JsonNode> all = walk(0, 1000);
        long start = all.get(2).get("position").asLong() - 1;

        List<JsonNode> fromThere = walk(start, 2);

        assertThat(ids(fromThere)).containsExactlyElementsOf(ids(all.subList(2, fromThere.size() + 2)));
        assertThat(get("/v2/events?after=" + Long.MAX_VALUE).json().get("data")).isEmpty();
        assertThat(get("/v2/events?after=" + Long.MAX_VALUE).json().at("/meta/cursor").asLong())
                .isEqualTo(Long.MAX_VALUE);
    }

    /**
     * Writers in several threads append through the real event store while a consumer follows the feed: their commits
     * become visible out of index order, yet the consumer sees every event once, in position order, and the same
     * events as a consumer that reads the log afterwards.
     */
    @Test
    void aConsumerFollowingTheFeedDuringConcurrentWritesSeesEveryEventOnceInOrder() throws Exception {
        int writers = 6;
        int customersEach = 40;
        Set<String> written = ConcurrentHashMap.newKeySet();
        List<JsonNode> followed = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<?> consumer = threads.submit(() -> {
                long cursor = 0;
                while (writing.get() || !seenAll(followed, written)) {
                    JsonNode page = get("/v2/events?after=" + cursor + "&limit=7").json();
                    page.get("data").forEach(followed::add);
                    cursor = page.at("/meta/cursor").asLong();
                }
                return null;
            });
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                writes.add(threads.submit(() -> {
                    for (int c = 0; c < customersEach; c++) {
                        String id = UUID.randomUUID().toString();
                        EventMessage<?> created = message("Customer", id, 0, new CustomerCreated(id, "Writer " + c,
                                id + "@example.com", null), BY_THE_BACK_OFFICE);
                        EventMessage<?> deleted = message("Customer", id, 1, new CustomerDeleted(id), Map.of());
                        eventStore.publish(created);
                        eventStore.publish(deleted);
                        written.add(created.getIdentifier());
                        written.add(deleted.getIdentifier());
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            writing.set(false);
            consumer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            writing.set(false);
            threads.shutdownNow();
        }

        assertThat(written).hasSize(writers * customersEach * 2);
        assertThat(ids(followed)).doesNotHaveDuplicates().containsAll(written);
        assertThat(positions(followed)).isSorted();
        List<JsonNode> afterwards = walk(0, 1000);
        assertThat(ids(afterwards)).startsWith(ids(followed).toArray(String[]::new));
    }

    @Test
    void erasedPersonalDataReadsAsNull() {
        String leslie = UUID.randomUUID().toString();
        dataKeys.createKeys(List.of(leslie));
        EventMessage<?> created = message("Customer", leslie, 0, new CustomerCreated(leslie, "Leslie Knope",
                "leslie@pawnee.gov", "ext-2"), BY_THE_BACK_OFFICE);
        eventStore.publish(created);
        eventStore.publish(message("Customer", leslie, 1, new CustomerDeleted(leslie), BY_THE_BACK_OFFICE));
        assertThat(event(created.getIdentifier()).at("/data/name").asText()).isEqualTo("Leslie Knope");

        dataKeys.destroy(leslie);

        JsonNode erased = event(created.getIdentifier());
        assertThat(erased.get("type").asText()).isEqualTo("customer.created");
        assertThat(erased.at("/data/id").asText()).isEqualTo(leslie);
        assertThat(erased.at("/data/name").isNull()).isTrue();
        assertThat(erased.at("/data/email").isNull()).isTrue();
        assertThat(erased.at("/data/external_ref").isNull()).isTrue();
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        for (String query : List.of("after=-1", "after=abc", "after=1.5", "limit=0", "limit=1001", "limit=ten")) {
            Response response = get("/v2/events?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().at("/errors/0/source").asText()).isEqualTo(query.substring(0, query.indexOf('=')));
            assertThat(response.json().at("/errors/0/status").asInt()).isEqualTo(400);
        }
    }

    @Test
    void storefrontsAndCustomersAreRefused() {
        assertThat(getAsStorefront("/v2/events", null).status()).isEqualTo(403);
        assertThat(getAsCustomer(RON, "/v2/events").status()).isEqualTo(403);
    }

    private EventMessage<?> message(String type, String aggregateId, long sequence, Object payload,
                                    Map<String, String> metadata) {
        EventMessage<?> message = new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metadata,
                UUID.randomUUID().toString(), T0.plusMillis(firstIds.size()));
        synchronized (firstIds) {
            if (firstIds.size() < 6) {
                firstIds.add(message.getIdentifier());
            }
        }
        return message;
    }

    /** The event with that id, looked for in the whole feed. */
    private JsonNode event(String id) {
        return walk(0, 1000).stream().filter(event -> event.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    /** Every event after {@code position}, following the cursor until it stops moving. */
    private List<JsonNode> walk(long position, int limit) {
        List<JsonNode> events = new ArrayList<>();
        long cursor = position;
        while (true) {
            JsonNode page = get("/v2/events?after=" + cursor + "&limit=" + limit).json();
            page.get("data").forEach(events::add);
            long next = page.at("/meta/cursor").asLong();
            if (next == cursor) {
                return events;
            }
            cursor = next;
        }
    }

    private static boolean seenAll(List<JsonNode> followed, Set<String> written) {
        Set<String> seen = new HashSet<>(ids(followed));
        return seen.containsAll(written);
    }

    private static List<String> ids(List<JsonNode> events) {
        return events.stream().map(event -> event.get("id").asText()).toList();
    }

    private static List<Long> positions(List<JsonNode> events) {
        return events.stream().map(event -> event.get("position").asLong()).toList();
    }
}
