package dev.patron.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvCustomerReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<SourceRecord> read(String csv) throws Exception {
        Path file = dir.resolve("customers.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        List<SourceRecord> records = new ArrayList<>();
        try (CsvCustomerReader reader = new CsvCustomerReader(file)) {
            for (SourceRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        assertThat(CsvCustomerReader.count(file)).isEqualTo(records.size());
        return records;
    }

    @Test
    void buildsCustomersWithAddressGroupsAndLeavesEmptyCellsOut() throws Exception {
        List<SourceRecord> records = read("""
                name,email,external_ref,password_hash,address_1_line_1,address_1_city,address_1_postcode,address_2_line_1,address_2_country,loyalty_tier
                "Ada Lovelace",ada@example.com,ERP-1,$2a$10$abc,"1 Main St, Flat 2",London,N1 9GU,,,gold
                Bob,bob@example.com,,,,,,"PO Box 7",GB,
                """);

        assertThat(records).hasSize(2);
        assertThat(JSON.writeValueAsString(records.get(0).customer())).isEqualTo("""
                {"type":"customer","name":"Ada Lovelace","email":"ada@example.com","external_ref":"ERP-1",\
                "password_hash":"$2a$10$abc","loyalty_tier":"gold","addresses":[{"type":"address",\
                "line_1":"1 Main St, Flat 2","city":"London","postcode":"N1 9GU"}]}""");
        // Address 1 is all empty: no address; address 2 becomes the only one. No external_ref, no hash.
        assertThat(JSON.writeValueAsString(records.get(1).customer())).isEqualTo("""
                {"type":"customer","name":"Bob","email":"bob@example.com","addresses":[{"type":"address",\
                "line_1":"PO Box 7","country":"GB"}]}""");
        assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 3L);
        assertThat(records).extracting(SourceRecord::email).containsExactly("ada@example.com", "bob@example.com");
    }

    @Test
    void readsUtf8WithAByteOrderMarkAndHeaderNamesInAnyCase() throws Exception {
        List<SourceRecord> records = read("\uFEFFName, Email \nZoë Ünal,zoe@example.com\n");

        assertThat(records.get(0).customer().get("name").asText()).isEqualTo("Zoë Ünal");
        assertThat(records.get(0).email()).isEqualTo("zoe@example.com");
    }

    @Test
    void aRowWithAnotherNumberOfCellsIsUnreadableAtItsLine() throws Exception {
        List<SourceRecord> records = read("""
                name,email
                "multi
                line",a@example.com
                only-one-cell
                x,b@example.com,extra
                """);

        assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 4L, 5L);
        assertThat(records.get(0).unreadable()).isNull();
        assertThat(records.get(1).unreadable()).isEqualTo("the row has 1 cells, the header has 2");
        assertThat(records.get(2).unreadable()).isEqualTo("the row has 3 cells, the header has 2");
        assertThat(records.get(2).email()).isEqualTo("b@example.com");
    }

    @Test
    void aPasswordIsFlaggedButItsValueNeverKept() throws Exception {
        List<SourceRecord> records = read("name,email,password\nA,a@example.com,hunter2\nB,b@example.com,\n");

        assertThat(records.get(0).customer().has("password")).isTrue();
        assertThat(records.get(0).customer().toString()).doesNotContain("hunter2");
        assertThat(records.get(1).customer().has("password")).isFalse();
    }

    @Test
    void anEmptyFileHasNoCustomers() throws Exception {
        assertThat(read("")).isEmpty();
        assertThat(read("name,email\n\n")).isEmpty();
    }

    @Test
    void aHeaderNamingAColumnTwiceCannotBeImported() throws IOException {
        Path file = dir.resolve("twice.csv");
        Files.writeString(file, "email,Email\na,b\n");

        assertThatThrownBy(() -> new CsvCustomerReader(file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("names the column email twice");
    }
}
