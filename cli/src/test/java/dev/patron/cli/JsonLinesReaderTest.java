package dev.patron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<SourceRecord> read(String jsonl) throws Exception {
        Path file = dir.resolve("customers.jsonl");
        Files.writeString(file, jsonl, StandardCharsets.UTF_8);
        List<SourceRecord> records = new ArrayList<>();
        try (JsonLinesReader reader = new JsonLinesReader(file)) {
            for (SourceRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        assertThat(JsonLinesReader.count(file)).isEqualTo(records.size());
        return records;
    }

    @Test
    void addsTheTypesAndPassesEveryOtherKeyOn() throws Exception {
        List<SourceRecord> records = read("""
                {"name":"Ada","email":"ada@example.com","external_ref":"E1","password_hash":"$argon2id$v=19$x","addresses":[{"line_1":"1 Main St","postcode":"N1"}],"vip":true}
                """);

        assertThat(JSON.writeValueAsString(records.get(0).customer())).isEqualTo("""
                {"type":"customer","name":"Ada","email":"ada@example.com","external_ref":"E1",\
                "password_hash":"$argon2id$v=19$x","addresses":[{"type":"address","line_1":"1 Main St",\
                "postcode":"N1"}],"vip":true}""");
        assertThat(records.get(0).email()).isEqualTo("ada@example.com");
    }

    @Test
    void skipsBlankLinesAndCountsPhysicalLines() throws Exception {
        List<SourceRecord> records = read("\uFEFF{\"email\":\"a@x.io\"}\n\n   \r\n{\"email\":\"b@x.io\"}\r\n\n");

        assertThat(records).extracting(SourceRecord::line).containsExactly(1L, 4L);
        assertThat(records).extracting(SourceRecord::email).containsExactly("a@x.io", "b@x.io");
    }

    @Test
    void aLineThatIsNotAJsonObjectIsUnreadableWithoutQuotingIt() throws Exception {
        List<SourceRecord> records = read("""
                {"email":"a@x.io","password_hash":"$2a$10$secrethash
                [1,2]
                {"email":"b@x.io"} {"email":"c@x.io"}
                "just a string"
                """);

        assertThat(records).extracting(SourceRecord::line).containsExactly(1L, 2L, 3L, 4L);
        assertThat(records.get(0).unreadable()).startsWith("not valid JSON").doesNotContain("secrethash");
        assertThat(records.get(1).unreadable()).startsWith("not a JSON object");
        assertThat(records.get(2).unreadable()).startsWith("not valid JSON");
        assertThat(records.get(3).unreadable()).startsWith("not a JSON object");
        assertThat(records).allSatisfy(record -> assertThat(record.customer()).isNull());
    }
}
