package dev.patron.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * Rounds of a write followed at once by a read of what was written, with no waiting in between: each read must see
 * its write, which holds only if the write is answered after the projection has applied it.
 */
final class ReadYourWrites {

    private final ApiTestClient writes;
    private final ApiTestClient reads;

    /** Writes go to {@code writes}, reads to {@code reads}: the same host in one process, two services otherwise. */
    ReadYourWrites(ApiTestClient writes, ApiTestClient reads) {
        this.writes = writes;
        this.reads = reads;
    }

    void playRounds(int rounds) {
        for (int round = 0; round < rounds; round++) {
            String email = "ryw-" + UUID.randomUUID() + "@example.com";
            HttpResponse<String> created = writes.post("/v2/customers",
                    "{\"data\":{\"type\":\"customer\",\"name\":\"Leslie " + round + "\",\"email\":\"" + email + "\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = ApiTestClient.json(created).at("/data/id").asText();

            assertThat(name(reads.get("/v2/customers/" + id))).isEqualTo("Leslie " + round);
            JsonNode byEmail = ApiTestClient.json(reads.get("/v2/customers?filter=eq(email," + email + ")"));
            assertThat(byEmail.at("/data/0/id").asText()).isEqualTo(id);

            assertThat(writes.put("/v2/customers/" + id,
                    "{\"data\":{\"type\":\"customer\",\"name\":\"Ann " + round + "\"}}").statusCode()).isEqualTo(200);
            assertThat(name(reads.get("/v2/customers/" + id))).isEqualTo("Ann " + round);

            HttpResponse<String> address = writes.post("/v2/customers/" + id + "/addresses", "{\"data\":{\"type\":"
                    + "\"address\",\"first_name\":\"Ann\",\"last_name\":\"Perkins\",\"line_1\":\"1 Main St\","
                    + "\"postcode\":\"46001\",\"country\":\"US\"}}");
            assertThat(address.statusCode()).as(address.body()).isEqualTo(201);
            String addressId = ApiTestClient.json(address).at("/data/id").asText();
            JsonNode addresses = ApiTestClient.json(reads.get("/v2/customers/" + id + "/addresses"));
            assertThat(addresses.at("/data/0/id").asText()).isEqualTo(addressId);

            assertThat(writes.delete("/v2/customers/" + id).statusCode()).isEqualTo(204);
            assertThat(reads.get("/v2/customers/" + id).statusCode()).isEqualTo(404);
        }
    }

    private static String name(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiTestClient.json(response).at("/data/name").asText();
    }
}
