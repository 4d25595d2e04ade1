package dev.patron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;

class CustomerDataTest {

    private final CustomerData data = new CustomerData("bench-1a2b3c4d");

    @Test
    void theBaselineDocumentIsAboutThreeHundredBytesOfBson() {
        int bytes = new RawBsonDocument(data.baselineDocument(12_345), new DocumentCodec()).getByteBuffer().remaining();
        assertTrue(bytes >= 250 && bytes <= 350, "BSON size " + bytes);
    }

    @Test
    void baselineDocumentsHaveRandomIds() {
        assertNotEquals(data.baselineDocument(1).get("_id"), data.baselineDocument(1).get("_id"));
    }

    @Test
    void importLinesCarryNoPasswordAndAnAddressOnEverySecondCustomer() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(data.importLine("import", 0));
        JsonNode second = json.readTree(data.importLine("import", 1));
        assertEquals("bench-1a2b3c4d.import.0@bench.example.com", first.get("email").asText());
        assertEquals("bench-1a2b3c4d-import-0", first.get("external_ref").asText());
        assertFalse(first.has("addresses"));
        assertFalse(first.has("password"));
        assertEquals("GB", second.get("addresses").get(0).get("country").asText());
        assertEquals(5, second.get("addresses").get(0).size());
        assertFalse(data.importLine("import", 0).contains("\n"), "one customer per line");
    }

    @Test
    void customValuesAreTopLevelAttributesOfTheImportedCustomer() throws Exception {
        JsonNode line = new ObjectMapper().readTree(data.importLine("customfields", 3, Map.of("tier", "gold",
                "score", 42L)));
        assertEquals("gold", line.get("tier").asText());
        assertTrue(line.get("score").isIntegralNumber());
        assertEquals(42, line.get("score").asInt());
        assertEquals("bench-1a2b3c4d.customfields.3@bench.example.com", line.get("email").asText());
    }
}
