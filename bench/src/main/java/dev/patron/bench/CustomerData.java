package dev.patron.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;

/**
 * Made-up customers: for the API, for import files and for the raw-driver baselines. Every email and external
 * reference carries the run's id, so that no two runs (or two purposes within a run) ever collide on a unique key.
 */
final class CustomerData {

    private final String runId;
    private final ObjectMapper json = new ObjectMapper();

    CustomerData(String runId) {
        this.runId = runId;
    }

    /** A unique email for the n-th customer made for a purpose ("create", "seed", "import", ...). */
    String email(String purpose, long n) {
        return runId + "." + purpose + "." + n + "@bench.example.com";
    }

    static String name(long n) {
        return "Bench Customer " + n;
    }

    /**
     * One line of a {@code patron import} file: name, email and external reference, no password; every second
     * customer has one address.
     */
    String importLine(String purpose, long n) {
        return importLine(purpose, n, Map.of());
    }

    /**
     * The same line with custom field values, which the contract takes as top-level attributes of the customer (the
     * import command passes keys it does not know on to the server).
     */
    String importLine(String purpose, long n, Map<String, Object> customValues) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("name", name(n));
        customer.put("email", email(purpose, n));
        customer.put("external_ref", runId + "-" + purpose + "-" + n);
        customer.putAll(customValues);
        if (n % 2 == 1) {
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("first_name", "Bench");
            address.put("last_name", "Customer " + n);
            address.put("line_1", n + " Benchmark Street");
            address.put("postcode", "SW1A 1AA");
            address.put("country", "GB");
            customer.put("addresses", List.of(address));
        }
        try {
            return json.writeValueAsString(customer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an import line", e);
        }
    }

    /**
     * A document shaped like a customer of Patron's read model (about 300 bytes of BSON) under a random id: what a
     * raw driver write of "one customer" costs is the baseline a create or an import is compared with.
     */
    Document baselineDocument(long n) {
        Date now = new Date();
        String email = email("baseline", n);
        return new Document("_id", UUID.randomUUID().toString())
                .append("version", 0L)
                .append("name", name(n))
                .append("email", email)
                .append("emailKey", email.toLowerCase(Locale.ROOT))
                .append("externalRef", runId + "-baseline-" + n)
                .append("hasPassword", false)
                .append("createdAt", now)
                .append("updatedAt", now);
    }
}
