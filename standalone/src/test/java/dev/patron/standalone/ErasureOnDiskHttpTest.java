package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.kit.web.ApiTestClient;
import dev.patron.mongo.EmbeddedMongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.h2.mvstore.DataUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure down to the disk (issue 12, finding 8): Patron as {@code ./patron up} runs it, on the embedded server with
 * its data in a folder of its own, is given a customer with distinctive personal data everywhere it can go (name,
 * email, external reference, password, a custom field, an address with every line, phone and instructions and a
 * custom field of its own, and an order checked out from a cart with other billing and shipping addresses). The raw
 * bytes of every file in the data folder are then scanned for each value in the embedded store's string encoding
 * (H2's: UTF-8 for ASCII, not beyond), in UTF-8 (BSON's), in UTF-16, and lower-cased where Patron keeps a lower-cased
 * copy. Before the deletion the scan finds every value (the control: it can fail); after the deletion through the API
 * and the sweep it requests, and again after a clean stop, it finds none. The customer's and the order's data keys, as the process holds them, are
 * never in a file: they are stored wrapped under the master key.
 */
@Tag("integration")
class ErasureOnDiskHttpTest {

    private static final Duration SWEEP_DELAY = Duration.ofSeconds(1);

    @TempDir
    Path dataDirectory;

    @Test
    void aDeletedCustomersPersonalDataIsInNoFileOfTheDataFolder() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> personal = new LinkedHashMap<>();
        personal.put("name", "Zoë Quixotl " + tag);
        personal.put("email", "Zoe.Quixotl." + tag + "@Example.org");
        personal.put("external_ref", "crm-quixotl-" + tag);
        personal.put("customer custom field", "Sweetums-Lake-" + tag);
        personal.put("address first_name", "Zoë-first-" + tag);
        personal.put("address last_name", "Quixotl-last-" + tag);
        personal.put("address company_name", "Quixotl Holdings " + tag);
        personal.put("address line_1", tag + " Lot Forty-Eight");
        personal.put("address line_2", "Pit Number " + tag);
        personal.put("address city", "Eagleton-" + tag);
        personal.put("address county", "Wamapoke-" + tag);
        personal.put("address postcode", "PC-" + tag);
        personal.put("address phone_number", "+1 317 " + tag);
        personal.put("address instructions", "Knock twice, " + tag);
        personal.put("address custom field", "Gate-code-" + tag);
        personal.put("order billing line_1", tag + " Billing Boulevard");
        personal.put("order shipping line_1", tag + " Shipping Street");
        personal.put("order shipping phone_number", "+1 555 " + tag);
        personal.put("order shipping instructions", "Leave it with Jerry, " + tag);
        String password = "Lagavulin-" + tag + "-years";

        Path mongoDirectory = dataDirectory.resolve("mongo");
        EmbeddedMongoServer server = start(mongoDirectory);
        String customerId;
        List<byte[]> dataKeys = new ArrayList<>();
        try (RunningPatron patron = RunningPatron.start(server.connectionString(), "patron",
                List.of("--patron.privacy.master-key-file=" + dataDirectory.resolve("master-keys")))) {
            ApiTestClient backOffice = patron.backOffice();
            defineCustomFields(backOffice);
            customerId = createCustomer(backOffice, personal, password);
            createAddress(backOffice, customerId, personal);
            String orderId = checkOut(backOffice, customerId, personal);
            DataKeyStore keys = patron.context.getBean(DataKeyStore.class);
            dataKeys.add(keys.keyForReading(customerId).orElseThrow().getEncoded());
            dataKeys.add(keys.keyForReading(orderId).orElseThrow().getEncoded());

            // The control: every value is on disk before the deletion (once the store has written it).
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> personal.values().stream().allMatch(value -> occurrences(asStored(value)) > 0));
            assertThat(remaining(Map.of("password", password))).as("the password, ever").isEmpty();
            assertThat(dataKeys).as("data keys as the process holds them").allSatisfy(key ->
                    assertThat(occurrences(key)).isZero());

            long sweepsBefore = server.completedSweeps();
            HttpResponse<String> deleted = backOffice.delete("/v2/customers/" + customerId);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> server.completedSweeps() > sweepsBefore && !server.sweepOwed());

            assertThat(remaining(personal)).as("personal data in the data folder after the sweep").isEmpty();
            assertThat(backOffice.get("/v2/customers/" + customerId).statusCode()).isEqualTo(404);
            HttpResponse<String> order = backOffice.get("/v2/orders/" + orderId);
            assertThat(order.statusCode()).isEqualTo(200);
            assertThat(order.body().toLowerCase(Locale.ROOT)).as("the order keeps no personal data")
                    .doesNotContain(personal.get("email").toLowerCase(Locale.ROOT), tag);
        } finally {
            server.close();
        }

        assertThat(remaining(personal)).as("personal data in the data folder after a clean stop").isEmpty();
        assertThat(remaining(Map.of("password", password))).isEmpty();
        assertThat(dataKeys).allSatisfy(key -> assertThat(occurrences(key)).isZero());
    }

    private static EmbeddedMongoServer start(Path mongoDirectory) {
        try {
            return EmbeddedMongoServer.start("127.0.0.1", 0, mongoDirectory, SWEEP_DELAY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void defineCustomFields(ApiTestClient backOffice) {
        for (String[] flowAndField : List.of(new String[]{"customers", "favourite_spot"}, new String[]{"addresses", "gate_code"})) {
            HttpResponse<String> flow = backOffice.post("/v2/flows", "{\"data\":{\"type\":\"flow\",\"slug\":\""
                    + flowAndField[0] + "\",\"name\":\"Extras\",\"enabled\":true}}");
            assertThat(flow.statusCode()).as(flow.body()).isEqualTo(201);
            HttpResponse<String> field = backOffice.post("/v2/fields", "{\"data\":{\"type\":\"field\",\"name\":\"Extra\","
                    + "\"slug\":\"" + flowAndField[1] + "\",\"field_type\":\"string\",\"relationships\":{\"flow\":"
                    + "{\"data\":{\"type\":\"flow\",\"id\":\"" + json(flow).at("/data/id").asText() + "\"}}}}}");
            assertThat(field.statusCode()).as(field.body()).isEqualTo(201);
        }
    }

    private static String createCustomer(ApiTestClient backOffice, Map<String, String> personal, String password) {
        HttpResponse<String> created = backOffice.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":\""
                + personal.get("name") + "\",\"email\":\"" + personal.get("email") + "\",\"external_ref\":\""
                + personal.get("external_ref") + "\",\"password\":\"" + password + "\",\"favourite_spot\":\""
                + personal.get("customer custom field") + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).at("/data/id").asText();
    }

    private static void createAddress(ApiTestClient backOffice, String customerId, Map<String, String> personal) {
        HttpResponse<String> created = backOffice.post("/v2/customers/" + customerId + "/addresses",
                "{\"data\":{\"type\":\"address\",\"first_name\":\"" + personal.get("address first_name")
                        + "\",\"last_name\":\"" + personal.get("address last_name") + "\",\"company_name\":\""
                        + personal.get("address company_name") + "\",\"line_1\":\"" + personal.get("address line_1")
                        + "\",\"line_2\":\"" + personal.get("address line_2") + "\",\"city\":\""
                        + personal.get("address city") + "\",\"county\":\"" + personal.get("address county")
                        + "\",\"postcode\":\"" + personal.get("address postcode") + "\",\"country\":\"US\","
                        + "\"phone_number\":\"" + personal.get("address phone_number") + "\",\"instructions\":\""
                        + personal.get("address instructions") + "\",\"gate_code\":\""
                        + personal.get("address custom field") + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** A cart of the customer's, checked out as their order with other billing and shipping addresses. */
    private static String checkOut(ApiTestClient backOffice, String customerId, Map<String, String> personal) {
        String cart = "cart-" + UUID.randomUUID();
        HttpResponse<String> added = backOffice.post("/v2/carts/" + cart + "/items", "{\"data\":{\"type\":"
                + "\"custom_item\",\"name\":\"Mustache wax\",\"sku\":\"WAX\",\"quantity\":2,\"price\":{\"amount\":1500,"
                + "\"includes_tax\":true}}}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> associated = backOffice.post("/v2/carts/" + cart + "/relationships/customers",
                "{\"data\":[{\"type\":\"customer\",\"id\":\"" + customerId + "\"}]}");
        assertThat(associated.statusCode()).as(associated.body()).isEqualTo(200);
        String billing = "{\"first_name\":\"" + personal.get("address first_name") + "\",\"last_name\":\""
                + personal.get("address last_name") + "\",\"line_1\":\"" + personal.get("order billing line_1")
                + "\",\"city\":\"" + personal.get("address city") + "\",\"postcode\":\""
                + personal.get("address postcode") + "\",\"country\":\"US\"}";
        String shipping = "{\"first_name\":\"" + personal.get("address first_name") + "\",\"last_name\":\""
                + personal.get("address last_name") + "\",\"line_1\":\"" + personal.get("order shipping line_1")
                + "\",\"postcode\":\"" + personal.get("address postcode") + "\",\"country\":\"US\",\"phone_number\":\""
                + personal.get("order shipping phone_number") + "\",\"instructions\":\""
                + personal.get("order shipping instructions") + "\"}";
        HttpResponse<String> order = backOffice.post("/v2/carts/" + cart + "/checkout", "{\"data\":{\"customer\":"
                + "{\"id\":\"" + customerId + "\"},\"billing_address\":" + billing + ",\"shipping_address\":" + shipping
                + "}}");
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        return json(order).at("/data/id").asText();
    }

    /**
     * The values still found, each with its count, in any encoding: the embedded store's, UTF-8 (BSON's strings) and
     * UTF-16 in either byte order, as given and lower-cased (Patron compares emails by a lower-cased copy).
     */
    private Map<String, Integer> remaining(Map<String, String> personal) {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        personal.forEach((what, value) -> {
            int count = 0;
            for (String form : List.of(value, value.toLowerCase(Locale.ROOT))) {
                count += occurrences(asStored(form));
                for (Charset encoding : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                    count += occurrences(form.getBytes(encoding));
                }
            }
            if (count > 0) {
                remaining.put(what + " (" + value + ")", count);
            }
        });
        return remaining;
    }

    /** A string as the embedded store writes it: H2's string data (two bytes for 'ë', but not UTF-8's two). */
    private static byte[] asStored(String value) {
        ByteBuffer buffer = ByteBuffer.allocate(3 * value.length());
        DataUtils.writeStringData(buffer, value, value.length());
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** How often the bytes occur in the files under the data folder. */
    private int occurrences(byte[] needle) {
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            int count = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                for (int start = 0; start + needle.length <= content.length; start++) {
                    if (content[start] == needle[0]
                            && Arrays.equals(content, start, start + needle.length, needle, 0, needle.length)) {
                        count++;
                    }
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
