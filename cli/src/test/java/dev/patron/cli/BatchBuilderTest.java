package dev.patron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CustomerLine sendable(long line, String name) {
        ObjectNode item = JSON.createObjectNode();
        item.put("type", "customer");
        item.put("name", name);
        item.put("email", "c" + line + "@example.com");
        return new CustomerLine(line, "c" + line + "@example.com", item, List.of());
    }

    private static CustomerLine rejected(long line) {
        return new CustomerLine(line, null, null, List.of("not valid JSON"));
    }

    private static List<Batch> build(BatchBuilder builder, List<CustomerLine> lines) {
        List<Batch> batches = new ArrayList<>();
        lines.forEach(line -> batches.addAll(builder.add(line)));
        Batch last = builder.finish();
        if (last != null) {
            batches.add(last);
        }
        return batches;
    }

    @Test
    void cutsEveryBatchSizeCustomersAndNumbersThePositions() throws Exception {
        List<CustomerLine> lines = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            lines.add(sendable(i, "n" + i));
        }

        List<Batch> batches = build(new BatchBuilder(JSON, 10, 100), lines);

        assertThat(batches).extracting(batch -> batch.lines().size()).containsExactly(10, 10, 5);
        assertThat(batches).extracting(Batch::number).containsExactly(0L, 1L, 2L);
        assertThat(batches).extracting(Batch::firstPosition).containsExactly(100L, 110L, 120L);
        JsonNode body = JSON.readTree(batches.get(2).body());
        assertThat(body.path("data")).hasSize(5);
        assertThat(body.path("data").get(0).path("email").asText()).isEqualTo("c21@example.com");
    }

    @Test
    void customersRejectedHereTravelWithTheirBatchButAreNotSent() throws Exception {
        List<Batch> batches = build(new BatchBuilder(JSON, 3, 0),
                List.of(sendable(1, "a"), rejected(2), sendable(3, "c"), rejected(4), rejected(5)));

        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).sent()).extracting(CustomerLine::line).containsExactly(1L, 3L);
        assertThat(JSON.readTree(batches.get(0).body()).path("data")).hasSize(2);
        assertThat(batches.get(1).lines()).extracting(CustomerLine::line).containsExactly(4L, 5L);
        assertThat(batches.get(1).sent()).isEmpty();
    }

    @Test
    void keepsEveryBodyWithinTheByteLimit() throws Exception {
        int limit = 1000;
        List<CustomerLine> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add(sendable(i, "x".repeat(100)));
        }

        List<Batch> batches = build(new BatchBuilder(JSON, 500, 0, limit), lines);

        assertThat(batches).allSatisfy(batch -> assertThat(batch.body().length).isLessThanOrEqualTo(limit));
        assertThat(batches).allSatisfy(batch ->
                assertThat(JSON.readTree(batch.body()).path("data").size()).isEqualTo(batch.sent().size()));
        assertThat(batches.stream().mapToInt(batch -> batch.sent().size()).sum()).isEqualTo(30);
        assertThat(batches.size()).isGreaterThan(1);
    }

    @Test
    void aCustomerTooLargeForAnyRequestIsRejectedHere() {
        List<Batch> batches = build(new BatchBuilder(JSON, 10, 0, 200),
                List.of(sendable(1, "small"), sendable(2, "y".repeat(500)), sendable(3, "small")));

        assertThat(batches).hasSize(1);
        CustomerLine tooLarge = batches.get(0).lines().get(1);
        assertThat(tooLarge.rejectedLocally()).isTrue();
        assertThat(tooLarge.localErrors().get(0)).contains("more than a request may hold (200 bytes)");
        assertThat(batches.get(0).sent()).extracting(CustomerLine::line).containsExactly(1L, 3L);
    }
}
