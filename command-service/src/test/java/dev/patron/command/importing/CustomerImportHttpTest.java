package dev.patron.command.importing;

import org.junit.jupiter.api.Tag;
import static com.mongodb.client.model.Filters.eq;
import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static dev.patron.kit.web.ApiTestClient.sources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.patron.command.auth.CommandServiceTokens;
import dev.patron.command.customer.ImportedHashes;
import dev.patron.eventstore.MongoEventStorageEngine;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.eventstore.privacy.LookupKeys;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.PasswordHashUpgraded;
import dev.patron.events.customer.PasswordSet;
import dev.patron.kit.web.ApiTestClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder.BCryptVersion;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /v2/customers/bulk} as the back office meets it: a real server on a random port, real JWTs signed
 * with the service's own key, the real MongoDB driver over TCP to the in-memory server. What a store migrating to
 * Patron relies on: one result per customer, in order, and one bad customer failing only itself; created customers
 * indistinguishable from sign-ups (same events, read back through Axon's event store, and their addresses claimed);
 * running the same import again creating nothing twice, and finishing what an interrupted run left undone (a claimed
 * but unstored customer, an address whose commit is missing); imported password hashes working at sign-in; and the
 * request-level limits (shape, 1 to 500 customers, 4 MB for this path only, back office only).
 * <p>
 * Nothing builds the read model here, so writes do not wait for it. Tests share the context and database and keep
 * apart by fresh email addresses; those that count stored events run one at a time (JUnit's default).
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "patron.mongo.database=customer-import-test",
        "patron.read-your-writes.enabled=false"})
class CustomerImportHttpTest {

    private static final String BULK = CustomerImportController.PATH;
    private static final String CUSTOMERS = "/v2/customers";
    private static final String PASSWORD = "Lagavulin-16-years";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventStore eventStore;
    @Autowired
    DataKeyStore dataKeys;
    @Autowired
    LookupKeys lookupKeys;

    ApiTestClient anonymous;
    ApiTestClient backOffice;
    ApiTestClient storefront;

    @DynamicPropertySource
    static void inMemoryMongo(DynamicPropertyRegistry registry) {
        registry.add("patron.mongo.uri", InMemoryMongo::connectionString);
    }

    @BeforeEach
    void clients() {
        CommandServiceTokens tokens = new CommandServiceTokens(context);
        anonymous = ApiTestClient.onPort(port);
        backOffice = anonymous.withHeader("Authorization", "Bearer " + tokens.backOffice());
        storefront = anonymous.withHeader("Authorization", "Bearer " + tokens.storefront());
    }

    // ------------------------------------------------------------------ one request, many customers

    /**
     * Valid customers with and without addresses and a password hash, and each way a customer can be refused, in
     * one request. Indexes of {@link #mixedBatch}.
     */
    private static final int PLAIN = 0;
    private static final int WITH_ADDRESSES = 1;
    private static final int BAD_COUNTRY = 2;
    private static final int BAD_EMAIL = 3;
    private static final int NO_NAME = 4;
    private static final int PLAINTEXT_PASSWORD = 5;
    private static final int UNPARSEABLE_HASH = 6;
    private static final int BCRYPT_HASH = 7;
    private static final int FIRST_OF_TWO = 8;
    private static final int SECOND_OF_TWO = 9;
    private static final int SIGNED_UP_EARLIER = 10;

    /** The customers of a mixed request, with fresh addresses; one of them signed up through the API beforehand. */
    private record MixedBatch(List<ObjectNode> customers, String bcryptHash, String signedUpId) {

        String body() {
            return request(customers);
        }

        String email(int index) {
            return customers.get(index).get("email").asText();
        }
    }

    private MixedBatch mixedBatch() {
        String signedUp = freshEmail();
        HttpResponse<String> signUp = backOffice.post(CUSTOMERS,
                "{\"data\":{\"type\":\"customer\",\"name\":\"Jerry Gergich\",\"email\":\"" + signedUp + "\"}}");
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
        String shared = freshEmail();
        String bcrypt = ImportedHashes.bcrypt(BCryptVersion.$2B, PASSWORD);
        List<ObjectNode> customers = List.of(
                customer("Ron Swanson", freshEmail()).put("external_ref", "legacy-0"),
                customer("Leslie Knope", freshEmail()).set("addresses", addresses(home("gb"), office())),
                customer("April Ludgate", freshEmail()).set("addresses", addresses(home("XX"))),
                customer("Andy Dwyer", "andy-at-dwyer.com"),
                customer(null, freshEmail()),
                customer("Tom Haverford", freshEmail()).put("password", PASSWORD),
                customer("Donna Meagle", freshEmail()).put("password_hash", "$2b$10$not-a-bcrypt-hash"),
                customer("Ben Wyatt", freshEmail()).put("password_hash", bcrypt),
                customer("Chris Traeger", shared),
                customer("Ann Perkins", shared.toUpperCase(Locale.ROOT)),
                customer("Garry Gergich", signedUp.toLowerCase(Locale.ROOT)));
        return new MixedBatch(customers, bcrypt, json(signUp).at("/data/id").asText());
    }

    @Test
    void aMixedRequestAnswersEachCustomerInOrderAndOnlyTheBadOnesAreRejected() {
        MixedBatch batch = mixedBatch();

        JsonNode answer = imported(batch.body());

        JsonNode results = answer.get("data");
        assertThat(results).hasSize(11);
        for (int index = 0; index < results.size(); index++) {
            assertThat(results.get(index).get("type").asText()).isEqualTo("customer_import_result");
            assertThat(results.get(index).get("index").asInt()).isEqualTo(index);
        }
        assertThat(statuses(results)).containsExactly("created", "created", "rejected", "rejected", "rejected",
                "rejected", "rejected", "created", "created", "rejected", "rejected");
        assertRejected(results.get(BAD_COUNTRY), 422, "data[2].addresses[0].country");
        assertRejected(results.get(BAD_EMAIL), 422, "data[3].email");
        assertRejected(results.get(NO_NAME), 422, "data[4].name");
        assertRejected(results.get(PLAINTEXT_PASSWORD), 422, "data[5].password");
        assertRejected(results.get(UNPARSEABLE_HASH), 422, "data[6].password_hash");
        assertRejected(results.get(SECOND_OF_TWO), 409, "data[9].email");
        assertRejected(results.get(SIGNED_UP_EARLIER), 409, "data[10].email");
        assertThat(results.get(SECOND_OF_TWO).at("/errors/0/detail").asText())
                .isEqualTo(CustomerImport.DUPLICATE_IN_REQUEST);
        assertThat(results.get(SIGNED_UP_EARLIER).at("/errors/0/detail").asText())
                .isEqualTo(CustomerImport.EMAIL_TAKEN);
        assertThat(answer.toString()).as("neither the password nor a hash is echoed")
                .doesNotContain(PASSWORD, batch.bcryptHash(), "$2b$10$not-a-bcrypt-hash");
        assertThat(answer.get("meta")).isEqualTo(meta(4, 0, 7));
        List<String> ids = new ArrayList<>();
        results.forEach(result -> ids.add(result.path("id").asText(null)));
        assertThat(ids).filteredOn(Objects::nonNull).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void itemsOfTheWrongShapeAreRejectedEachAndTheOthersImported() {
        String email = freshEmail();
        String body = "{\"data\":[42,"
                + "{\"type\":\"address\",\"name\":\"Ron\",\"email\":\"" + freshEmail() + "\"},"
                + "{\"type\":\"customer\",\"name\":42,\"email\":[\"" + freshEmail() + "\"]},"
                + "{\"type\":\"customer\",\"name\":\"Ron\",\"email\":\"" + freshEmail()
                + "\",\"addresses\":{\"type\":\"address\"}},"
                + "{\"type\":\"customer\",\"name\":\"Ron\",\"email\":\"" + freshEmail()
                + "\",\"addresses\":[\"home\"]},"
                + "{\"type\":\"customer\",\"name\":\"Ron\",\"email\":\"" + email + "\"}]}";

        JsonNode answer = imported(body);

        JsonNode results = answer.get("data");
        assertRejected(results.get(0), 400, "data[0]");
        assertRejected(results.get(1), 400, "data[1].type");
        assertThat(sources(results.get(2).get("errors"))).containsExactlyInAnyOrder("data[2].name", "data[2].email");
        assertRejected(results.get(3), 400, "data[3].addresses");
        assertRejected(results.get(4), 400, "data[4].addresses[0]");
        assertThat(results.get(5).get("status").asText()).isEqualTo("created");
        assertThat(answer.get("meta")).isEqualTo(meta(1, 0, 5));
        assertThat(claimOf(email)).containsEntry("customerId", results.get(5).get("id").asText());
    }

    @Test
    void importedCustomersHaveTheEventsOfSignUpsAndTheirAddressesAreClaimed() {
        MixedBatch batch = mixedBatch();

        JsonNode results = imported(batch.body()).get("data");

        String plain = idOf(results, PLAIN);
        String withAddresses = idOf(results, WITH_ADDRESSES);
        String withHash = idOf(results, BCRYPT_HASH);
        String firstOfTwo = idOf(results, FIRST_OF_TWO);
        assertThat(historyOf(plain)).containsExactly(
                new CustomerCreated(plain, "Ron Swanson", batch.email(PLAIN), "legacy-0"));
        assertThat(historyOf(withAddresses)).containsExactly(
                new CustomerCreated(withAddresses, "Leslie Knope", batch.email(WITH_ADDRESSES), null));
        assertThat(historyOf(withHash)).containsExactly(
                new CustomerCreated(withHash, "Ben Wyatt", batch.email(BCRYPT_HASH), null),
                new PasswordSet(withHash, "{bcrypt}" + batch.bcryptHash()));
        assertThat(historyOf(firstOfTwo)).containsExactly(
                new CustomerCreated(firstOfTwo, "Chris Traeger", batch.email(FIRST_OF_TWO), null));

        String home = ImportedCustomer.addressId(withAddresses, 0);
        String office = ImportedCustomer.addressId(withAddresses, 1);
        assertThat(historyOf(home)).containsExactly(new AddressCreated(home, withAddresses, new AddressCreated.Details(
                "home", "Leslie", "Knope", null, null, null, "1 Main Street", null, "Pawnee", null, null, "47998",
                "GB")));
        assertThat(historyOf(office)).containsExactly(new AddressCreated(office, withAddresses,
                new AddressCreated.Details("office", "Leslie", "Knope", "City of Pawnee", "+1 317 555 0100",
                        "Parks department, second floor", "100 City Hall", "Room 2", "Pawnee", "Wamapoke",
                        "Indiana", "47998", "US")));

        // The same kinds of aggregate, with the same events in the same order, as the API's own creates.
        String signedUpAddress = addressCreatedThroughTheApi(batch.signedUpId());
        assertThat(commitOf(plain).getString("aggregateType"))
                .isEqualTo(commitOf(batch.signedUpId()).getString("aggregateType"));
        assertThat(commitOf(home).getString("aggregateType"))
                .isEqualTo(commitOf(signedUpAddress).getString("aggregateType"));
        assertThat(historyOf(batch.signedUpId())).extracting(Object::getClass)
                .containsExactly(CustomerCreated.class);
        assertThat(historyOf(signedUpAddress)).extracting(Object::getClass).containsExactly(AddressCreated.class);

        for (int index : List.of(PLAIN, WITH_ADDRESSES, BCRYPT_HASH, FIRST_OF_TWO)) {
            assertThat(claimOf(batch.email(index))).as("claim of customer %d", index).isNotNull()
                    .containsEntry("customerId", idOf(results, index)).containsEntry("imported", true);
        }
        for (int index : List.of(BAD_COUNTRY, NO_NAME, PLAINTEXT_PASSWORD, UNPARSEABLE_HASH)) {
            assertThat(claimOf(batch.email(index))).as("no claim for rejected customer %d", index).isNull();
        }
        assertThat(claimOf(batch.email(SIGNED_UP_EARLIER))).as("the sign-up keeps its address")
                .containsEntry("customerId", batch.signedUpId()).doesNotContainKey("imported");
        assertThat(backOffice.post(CUSTOMERS, "{\"data\":{\"type\":\"customer\",\"name\":\"Tammy\",\"email\":\""
                + batch.email(FIRST_OF_TWO).toUpperCase(Locale.ROOT) + "\"}}").statusCode())
                .as("an imported address is taken for sign-ups").isEqualTo(409);
    }

    @Test
    void theSameRequestAgainReportsTheCustomersAsImportedAndStoresNothing() {
        MixedBatch batch = mixedBatch();
        JsonNode first = imported(batch.body()).get("data");
        long events = count("events");
        long claims = count("email_claims");
        long dataKeys = count(DataKeyStore.COLLECTION);

        JsonNode again = imported(batch.body());

        JsonNode results = again.get("data");
        for (int index = 0; index < first.size(); index++) {
            JsonNode before = first.get(index);
            JsonNode now = results.get(index);
            if (before.get("status").asText().equals("created")) {
                assertThat(now.get("status").asText()).as("status of %d", index).isEqualTo("already_imported");
                assertThat(now.get("id").asText()).as("id of %d", index).isEqualTo(before.get("id").asText());
                assertThat(now.has("errors")).isFalse();
            } else {
                assertThat(now).as("result %d", index).isEqualTo(before);
            }
        }
        assertThat(again.get("meta")).isEqualTo(meta(0, 4, 7));
        assertThat(count("events")).as("events stored").isEqualTo(events);
        assertThat(count("email_claims")).as("claims").isEqualTo(claims);
        assertThat(count(DataKeyStore.COLLECTION)).as("data keys").isEqualTo(dataKeys);
        String withAddresses = idOf(first, WITH_ADDRESSES);
        assertThat(historyOf(withAddresses)).hasSize(1);
        assertThat(historyOf(ImportedCustomer.addressId(withAddresses, 1))).hasSize(1);
    }

    @Test
    void aCustomerImportedWithABcryptHashSignsInWithTheirPasswordAndIsUpgraded() {
        String email = freshEmail();
        String hash = ImportedHashes.bcrypt(BCryptVersion.$2Y, PASSWORD);
        String customerId = idOf(imported(request(List.of(
                customer("Ben Wyatt", email).put("password_hash", hash)))).get("data"), 0);

        HttpResponse<String> wrong = signIn(email, "Lagavulin-15-years");
        HttpResponse<String> right = signIn(email.toUpperCase(Locale.ROOT), PASSWORD);

        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(json(right).at("/data/token").asText()).isNotBlank();
        assertThat(historyOf(customerId)).filteredOn(PasswordHashUpgraded.class::isInstance).singleElement()
                .satisfies(upgrade -> assertThat(((PasswordHashUpgraded) upgrade).passwordHash())
                        .startsWith("$argon2id$"));
        assertThat(signIn(email, PASSWORD).statusCode()).as("the upgraded hash checks the password").isEqualTo(200);
    }

    // ------------------------------------------------------------------ finishing an interrupted import

    /**
     * A run that claimed the address (as {@code claimForImport} does: imported) and made the customer's data key,
     * then died before storing the customer: running the import again creates the customer under the claimed id,
     * with the key already made.
     */
    @Test
    void aCustomerWhoseAddressAnInterruptedRunClaimedIsCreatedUnderTheClaimedId() {
        String email = freshEmail();
        String claimedId = UUID.randomUUID().toString();
        database.getCollection("email_claims").insertOne(new Document("_id", claimKey(email))
                .append("customerId", claimedId).append("claimedAt", new Date()).append("imported", true));
        dataKeys.createKeys(List.of(claimedId));
        Document keyMade = database.getCollection(DataKeyStore.COLLECTION).find(eq("_id", claimedId)).first();

        JsonNode answer = imported(request(List.of(customer("Ron Swanson", email).set("addresses",
                addresses(home("US"))))));

        assertThat(answer.at("/data/0/status").asText()).isEqualTo("created");
        assertThat(answer.at("/data/0/id").asText()).isEqualTo(claimedId);
        assertThat(answer.get("meta")).isEqualTo(meta(1, 0, 0));
        assertThat(historyOf(claimedId)).containsExactly(new CustomerCreated(claimedId, "Ron Swanson", email, null));
        assertThat(historyOf(ImportedCustomer.addressId(claimedId, 0))).singleElement()
                .isInstanceOf(AddressCreated.class);
        assertThat(database.getCollection(DataKeyStore.COLLECTION).find(eq("_id", claimedId)).first())
                .as("the key the earlier run made").isEqualTo(keyMade);
        assertThat(claimOf(email)).containsEntry("customerId", claimedId);
    }

    /**
     * A run that stored the customer and their first address but not the second (its commit is deleted here, as if
     * the append had stopped half-way): running the import again reports the customer as imported and adds the
     * missing address, once, under the same id.
     */
    @Test
    void anAddressAnInterruptedRunDidNotStoreIsAddedWhenTheImportRunsAgain() {
        String email = freshEmail();
        String body = request(List.of(customer("Leslie Knope", email).set("addresses", addresses(home("GB"), office()))));
        String customerId = idOf(imported(body).get("data"), 0);
        String first = ImportedCustomer.addressId(customerId, 0);
        String second = ImportedCustomer.addressId(customerId, 1);
        MongoCollection<Document> commits = database.getCollection(MongoEventStorageEngine.EVENTS);
        assertThat(commits.deleteOne(eq("aggregateId", second)).getDeletedCount()).isEqualTo(1);
        assertThat(historyOf(second)).isEmpty();
        long events = count(MongoEventStorageEngine.EVENTS);

        JsonNode again = imported(body);

        assertThat(again.at("/data/0/status").asText()).isEqualTo("already_imported");
        assertThat(again.at("/data/0/id").asText()).isEqualTo(customerId);
        assertThat(historyOf(second)).singleElement().isEqualTo(new AddressCreated(second, customerId,
                new AddressCreated.Details("office", "Leslie", "Knope", "City of Pawnee", "+1 317 555 0100",
                        "Parks department, second floor", "100 City Hall", "Room 2", "Pawnee", "Wamapoke",
                        "Indiana", "47998", "US")));
        assertThat(commits.countDocuments(eq("aggregateId", second))).isEqualTo(1);
        assertThat(commits.countDocuments(eq("aggregateId", first))).as("the stored address is not repeated")
                .isEqualTo(1);
        assertThat(count(MongoEventStorageEngine.EVENTS)).as("only the missing address stored").isEqualTo(events + 1);
        assertThat(historyOf(customerId)).hasSize(1);

        imported(body);
        assertThat(count(MongoEventStorageEngine.EVENTS)).as("a third run stores nothing").isEqualTo(events + 1);
    }

    // ------------------------------------------------------------------ the request as a whole

    @Test
    void aBodyWithoutACustomerArrayIsABadRequest() {
        errors(backOffice.post(BULK, "{\"data\":{}}"), 400, "data");
        errors(backOffice.post(BULK, "{\"data\":{\"type\":\"customer\"}}"), 400, "data");
        errors(backOffice.post(BULK, "{}"), 400, "data");
        errors(backOffice.post(BULK, "{\"data\":["), 400);
    }

    @Test
    void noCustomersIsABadRequest() {
        errors(backOffice.post(BULK, "{\"data\":[]}"), 400, "data");
    }

    @Test
    void fiveHundredCustomersAreImportedAndFiveHundredAndOneAreABadRequest() {
        // 2,000-character external refs make the 500 about 1 MB: over the 64 KB of other paths, within this one's.
        String ref = "r".repeat(2000);
        IntFunction<ObjectNode> numbered = n -> customer("Customer " + n, freshEmail()).put("external_ref", ref);
        String fiveHundredAndOne = request(IntStream.range(0, 501).mapToObj(numbered).toList());
        long eventsBefore = count(MongoEventStorageEngine.EVENTS);

        errors(backOffice.post(BULK, fiveHundredAndOne), 400, "data");
        assertThat(count(MongoEventStorageEngine.EVENTS)).isEqualTo(eventsBefore);

        String fiveHundred = request(IntStream.range(0, 500).mapToObj(numbered).toList());
        assertThat(fiveHundred.length()).isGreaterThan(1_000_000);
        JsonNode answer = imported(fiveHundred);
        assertThat(answer.get("data")).hasSize(500);
        assertThat(answer.get("meta")).isEqualTo(meta(500, 0, 0));
        assertThat(count(MongoEventStorageEngine.EVENTS)).isEqualTo(eventsBefore + 500);
    }

    @Test
    void aBodyOverFourMegabytesIsTooLarge() {
        String body = request(List.of(customer("Ron Swanson", freshEmail())
                .put("external_ref", "r".repeat(4 * 1024 * 1024))));
        long eventsBefore = count(MongoEventStorageEngine.EVENTS);

        errors(backOffice.post(BULK, body), 413);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        errors(backOffice.post(BULK, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))), 413);
        assertThat(count(MongoEventStorageEngine.EVENTS)).isEqualTo(eventsBefore);
    }

    @Test
    void aBodyJustUnderFourMegabytesIsRead() {
        String envelope = request(List.of(customer("Ron Swanson", freshEmail()).put("external_ref", "")));
        String body = envelope.replace("\"external_ref\":\"\"",
                "\"external_ref\":\"" + "r".repeat(4 * 1024 * 1024 - envelope.length()) + "\"");
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(4 * 1024 * 1024);

        JsonNode answer = imported(body);

        assertThat(answer.at("/data/0/status").asText()).as("read, and refused for its own reason").isEqualTo("rejected");
        assertThat(sources(answer.at("/data/0/errors"))).containsExactly("data[0].external_ref");
    }

    @Test
    void theLargerLimitIsForTheImportOnly() {
        String seventyKilobytes = "{\"data\":{\"type\":\"customer\",\"name\":\"Ron\",\"email\":\"" + freshEmail()
                + "\",\"external_ref\":\"" + "r".repeat(70 * 1024) + "\"}}";

        errors(backOffice.post(CUSTOMERS, seventyKilobytes), 413);
        byte[] bytes = seventyKilobytes.getBytes(StandardCharsets.UTF_8);
        errors(backOffice.post(CUSTOMERS, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))), 413);
    }

    @Test
    void theImportIsForTheBackOfficeOnly() {
        String email = freshEmail();
        String body = request(List.of(customer("Ron Swanson", email)));

        errors(anonymous.post(BULK, body), 401);
        errors(storefront.post(BULK, body), 403);
        errors(anonymous.withHeader("Authorization", "Bearer not-a-token").post(BULK, body), 401);
        assertThat(claimOf(email)).as("nothing claimed").isNull();
    }

    // ------------------------------------------------------------------ helpers

    /** A successful import: 200 and its body. */
    private JsonNode imported(String body) {
        HttpResponse<String> response = backOffice.post(BULK, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return json(response);
    }

    private HttpResponse<String> signIn(String email, String password) {
        ObjectNode data = JSON.createObjectNode().put("type", "token")
                .put("authentication_mechanism", "password").put("email", email).put("password", password);
        return storefront.post("/v2/customers/tokens", JSON.createObjectNode().set("data", data).toString());
    }

    /** Adds an address to the customer through the API ({@code POST /v2/customers/{id}/addresses}); its id. */
    private String addressCreatedThroughTheApi(String customerId) {
        ObjectNode address = home("GB");
        HttpResponse<String> created = backOffice.post(CUSTOMERS + "/" + customerId + "/addresses",
                JSON.createObjectNode().set("data", address).toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).at("/data/id").asText();
    }

    private static void assertRejected(JsonNode result, int status, String source) {
        assertThat(result.get("status").asText()).isEqualTo("rejected");
        assertThat(result.has("id")).as("a rejected customer has no id").isFalse();
        JsonNode errors = result.get("errors");
        assertThat(sources(errors)).as("%s", result).containsExactly(source);
        JsonNode error = errors.get(0);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("title").asText())
                .isEqualTo(org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
        assertThat(error.get("detail").asText()).isNotBlank();
    }

    private static List<String> statuses(JsonNode results) {
        List<String> statuses = new ArrayList<>();
        results.forEach(result -> statuses.add(result.get("status").asText()));
        return statuses;
    }

    private static String idOf(JsonNode results, int index) {
        JsonNode result = results.get(index);
        assertThat(result.get("status").asText()).as("%s", result).isIn("created", "already_imported");
        return result.get("id").asText();
    }

    private static JsonNode meta(int created, int alreadyImported, int rejected) {
        return JSON.createObjectNode().put("created", created).put("already_imported", alreadyImported)
                .put("rejected", rejected);
    }

    /** The aggregate's events as Axon reads them back (decrypted), from the first. */
    private List<Object> historyOf(String aggregateId) {
        return eventStore.readEvents(aggregateId, 0).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    private Document commitOf(String aggregateId) {
        return database.getCollection(MongoEventStorageEngine.EVENTS).find(eq("aggregateId", aggregateId)).first();
    }

    private Document claimOf(String email) {
        return database.getCollection("email_claims").find(eq("_id", claimKey(email))).first();
    }

    private String claimKey(String email) {
        return lookupKeys.of(email.toLowerCase(Locale.ROOT));
    }

    private long count(String collection) {
        return database.getCollection(collection).countDocuments();
    }

    private static String freshEmail() {
        return "Ron." + UUID.randomUUID().toString().substring(0, 8) + "@Swanson.com";
    }

    private static ObjectNode customer(String name, String email) {
        ObjectNode customer = JSON.createObjectNode().put("type", "customer");
        if (name != null) {
            customer.put("name", name);
        }
        return customer.put("email", email);
    }

    private static ArrayNode addresses(ObjectNode... addresses) {
        ArrayNode array = JSON.createArrayNode();
        for (ObjectNode address : addresses) {
            array.add(address);
        }
        return array;
    }

    /** The required parts of an address, and a name. */
    private static ObjectNode home(String country) {
        return JSON.createObjectNode().put("type", "address").put("name", "home").put("first_name", "Leslie")
                .put("last_name", "Knope").put("line_1", "1 Main Street").put("city", "Pawnee")
                .put("postcode", "47998").put("country", country);
    }

    /** Every part of an address. */
    private static ObjectNode office() {
        return JSON.createObjectNode().put("type", "address").put("name", "office").put("first_name", "Leslie")
                .put("last_name", "Knope").put("company_name", "City of Pawnee").put("phone_number", "+1 317 555 0100")
                .put("instructions", "Parks department, second floor").put("line_1", "100 City Hall")
                .put("line_2", "Room 2").put("city", "Pawnee").put("county", "Wamapoke").put("region", "Indiana")
                .put("postcode", "47998").put("country", "US");
    }

    private static String request(List<ObjectNode> customers) {
        ArrayNode data = JSON.createArrayNode();
        customers.forEach(data::add);
        return JSON.createObjectNode().set("data", data).toString();
    }
}
