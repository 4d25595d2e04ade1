package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A downstream consumer keeps nothing but the feed's cursor: across a restart of Patron in the middle of its reading,
 * with writes before and after, it sees every observable event exactly once and in order.
 */
@Tag("integration")
class FeedAcrossRestartHttpTest {

    @Test
    void aConsumerResumingWithItsCursorAfterARestartMissesNothingAndSeesNothingTwice() {
        String database = "feed-restart-" + UUID.randomUUID();
        List<String> created = new ArrayList<>();
        List<JsonNode> seen = new ArrayList<>();
        long cursor;
        try (RunningPatron before = RunningPatron.start(InMemoryMongo.connectionString(), database)) {
            ApiTestClient api = before.backOffice();
            created.addAll(createCustomers(api, 5));
            cursor = follow(api, 0, seen);
            created.addAll(createCustomers(api, 2));
        }
        try (RunningPatron after = RunningPatron.start(InMemoryMongo.connectionString(), database)) {
            ApiTestClient api = after.backOffice();
            created.addAll(createCustomers(api, 3));
            follow(api, cursor, seen);
        }

        assertThat(seen).extracting(event -> event.get("id").asText()).doesNotHaveDuplicates();
        assertThat(seen).extracting(event -> event.get("position").asLong()).isSorted();
        assertThat(seen).extracting(event -> event.at("/data/id").asText()).containsExactlyElementsOf(created);
        assertThat(seen).extracting(event -> event.get("type").asText()).containsOnly("customer.created");
    }

    /** Reads pages of 2 from {@code after} until the cursor stops moving; returns the last cursor. */
    private static long follow(ApiTestClient api, long after, List<JsonNode> seen) {
        long cursor = after;
        while (true) {
            HttpResponse<String> page = api.get("/v2/events?after=" + cursor + "&limit=2");
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = json(page);
            body.get("data").forEach(seen::add);
            long next = body.at("/meta/cursor").asLong();
            if (next == cursor && body.get("data").isEmpty()) {
                return cursor;
            }
            cursor = next;
        }
    }

    private static List<String> createCustomers(ApiTestClient api, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> created = api.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":"
                    + "\"Feed Reader\",\"email\":\"feed-" + UUID.randomUUID() + "@example.com\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            ids.add(json(created).at("/data/id").asText());
        }
        return ids;
    }
}
