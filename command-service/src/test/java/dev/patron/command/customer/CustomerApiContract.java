package dev.patron.command.customer;

import org.junit.jupiter.api.Tag;
import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.fieldErrors;
import static dev.patron.kit.web.ApiTestClient.json;
import static dev.patron.kit.web.ApiTestClient.sources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import dev.patron.events.customer.PasswordSet;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.eventstore.privacy.PersonalDataCipher;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bson.Document;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The customer write API as the contract describes it, run against each MongoDB the service supports (see the
 * concrete subclasses).
 */
@Tag("integration")
abstract class CustomerApiContract extends CustomerHttpTestBase {

    private static final String PASSWORD = "Lagavulin-16-years";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private DataKeyStore dataKeys;

    @Test
    void createAnswersCreatedWithTheCustomer() {
        String email = freshEmail();
        HttpResponse<String> response = api.post(CUSTOMERS, customerJson("Ron Swanson", email, null, "crm-1"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode customer = json(response).get("data");
        assertThat(customer.get("type").asText()).isEqualTo("customer");
        assertThat(customer.get("id").asText()).isNotBlank();
        assertThat(customer.get("name").asText()).isEqualTo("Ron Swanson");
        assertThat(customer.get("email").asText()).isEqualTo(email);
        assertThat(customer.get("password").asBoolean()).isFalse();
        assertThat(customer.get("external_ref").asText()).isEqualTo("crm-1");
        Instant createdAt = Instant.parse(customer.at("/meta/timestamps/created_at").asText());
        assertThat(createdAt).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(customer.at("/meta/timestamps/updated_at").asText()).endsWith("Z");
        assertThat(response.headers().firstValue("Location"))
                .hasValue(CUSTOMERS + "/" + customer.get("id").asText());
    }

    @Test
    void createWithPasswordShowsOnlyThatOneIsSet() {
        HttpResponse<String> response = api.post(CUSTOMERS, customerJson("Ron", freshEmail(), PASSWORD, null));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).at("/data/password").asBoolean()).isTrue();
        assertThat(response.body()).doesNotContain(PASSWORD, "argon2");
    }

    @Test
    void createStoresAnArgon2idHashAtOwaspStrength() {
        String id = createdId(customerJson("Ron", freshEmail(), PASSWORD, null));

        String hash = eventStore.readEvents(id, 0).asStream()
                .map(event -> event.getPayload()).filter(PasswordSet.class::isInstance)
                .map(event -> ((PasswordSet) event).passwordHash()).findFirst().orElseThrow();
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(new Argon2PasswordEncoder(16, 32, 1, 19456, 2).matches(PASSWORD, hash)).isTrue();
    }

    @Test
    void createLeavesNoPlaintextPasswordAnywhereInTheDatabase() {
        String password = "Plaintext-" + freshEmail();
        createdId(customerJson("Ron", freshEmail(), password, null));

        for (String collection : database.listCollectionNames()) {
            for (Document document : database.getCollection(collection).find()) {
                assertThat(document.toJson()).as("a document of %s", collection).doesNotContain(password);
            }
        }
    }

    @Test
    void updateNameKeepsEverythingElse() {
        String email = freshEmail();
        String id = createdId(customerJson("Ron", email, null, "crm-1"));

        JsonNode customer = updated(id, customerJson("Ronald Ulysses Swanson", null, null, null));

        assertThat(customer.get("name").asText()).isEqualTo("Ronald Ulysses Swanson");
        assertThat(customer.get("email").asText()).isEqualTo(email);
        assertThat(customer.get("external_ref").asText()).isEqualTo("crm-1");
        assertThat(Instant.parse(customer.at("/meta/timestamps/updated_at").asText()))
                .isAfterOrEqualTo(Instant.parse(customer.at("/meta/timestamps/created_at").asText()));
    }

    @Test
    void updateEmail() {
        String id = createdId(customerJson("Ron", freshEmail(), null, null));
        String newEmail = freshEmail();

        assertThat(updated(id, customerJson(null, newEmail, null, null)).get("email").asText()).isEqualTo(newEmail);
    }

    @Test
    void updateEmailInAnotherCaseIsStillTheCustomersOwn() {
        String email = freshEmail();
        String id = createdId(customerJson("Ron", email, null, null));

        assertThat(updated(id, customerJson(null, email.toUpperCase(), null, null)).get("email").asText())
                .isEqualTo(email.toUpperCase());
        assertThat(api.post(CUSTOMERS, customerJson("Tammy", email, null, null)).statusCode()).isEqualTo(409);
    }

    @Test
    void updateExternalRef() {
        String id = createdId(customerJson("Ron", freshEmail(), null, "crm-1"));

        assertThat(updated(id, customerJson(null, null, null, "crm-2")).get("external_ref").asText())
                .isEqualTo("crm-2");
    }

    @Test
    void updateGivesAPasswordToACustomerWithoutOne() {
        String id = createdId(customerJson("Ron", freshEmail(), null, null));

        HttpResponse<String> response = api.put(CUSTOMERS + "/" + id, customerJson(null, null, PASSWORD, null));

        assertThat(json(response).at("/data/password").asBoolean()).isTrue();
        assertThat(response.body()).doesNotContain(PASSWORD, "argon2");
    }

    @Test
    void updateSurvivesManyChangesAcrossSnapshots() {
        String id = createdId(customerJson("Ron", freshEmail(), PASSWORD, null));
        for (int change = 1; change <= 7; change++) {
            updated(id, customerJson("Ron " + change, null, null, "ref-" + change));
        }

        JsonNode customer = updated(id, customerJson(null, null, null, "final"));

        assertThat(customer.get("name").asText()).isEqualTo("Ron 7");
        assertThat(customer.get("password").asBoolean()).isTrue();
        assertThat(database.getCollection("snapshots").countDocuments(new Document("_id", id))).isEqualTo(1);
    }

    /**
     * Revision 1 of the customer's snapshot, from before the password and sign-ins became the {@link Credentials}
     * entity, kept them among the customer's own fields. Read into today's shape it would be a customer without a
     * password; it is ignored instead, and the customer is loaded from their events.
     */
    @Test
    void updateIgnoresASnapshotOfAnEarlierShapeRatherThanMisreadingIt() throws JsonProcessingException {
        String id = createdId(customerJson("Ron", freshEmail(), PASSWORD, null));
        for (int change = 1; change <= 4; change++) {
            updated(id, customerJson("Ron " + change, null, null, null));
        }
        MongoCollection<Document> snapshots = database.getCollection("snapshots");
        Document snapshot = snapshots.find(new Document("_id", id)).first();
        assertThat(snapshot).isNotNull();
        snapshots.replaceOne(new Document("_id", id), snapshot.append("payloadRevision", "1")
                .append("payload", asRevisionOne(id, snapshot.getString("payload"))));

        JsonNode customer = updated(id, customerJson("Ron 5", null, null, null));

        assertThat(customer.get("name").asText()).isEqualTo("Ron 5");
        assertThat(customer.get("password").asBoolean()).isTrue();
    }

    @Test
    void updateOfAnUnknownCustomerIsNotFound() {
        assertThat(errors(api.put(CUSTOMERS + "/no-such-customer", customerJson("Ron", null, null, null)), 404))
                .hasSize(1);
    }

    @Test
    void deleteAnswersNoContentAndTheCustomerIsGoneForEveryCommand() {
        String id = createdId(customerJson("Ron", freshEmail(), null, null));

        HttpResponse<String> response = api.delete(CUSTOMERS + "/" + id);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        errors(api.put(CUSTOMERS + "/" + id, customerJson("Ron", null, null, null)), 404);
        errors(api.delete(CUSTOMERS + "/" + id), 404);
    }

    @Test
    void deleteOfAnUnknownCustomerIsNotFound() {
        errors(api.delete(CUSTOMERS + "/no-such-customer"), 404);
    }

    @Test
    void takenEmailInAnyCaseIsAConflict() {
        String email = freshEmail();
        createdId(customerJson("Ron", email, null, null));

        JsonNode conflicts = fieldErrors(api.post(CUSTOMERS, customerJson("Tammy", email.toLowerCase(), null, null)), 409);

        assertThat(sources(conflicts)).containsExactly("data.email");
    }

    @Test
    void takenEmailCannotBeMovedToByUpdate() {
        String taken = freshEmail();
        createdId(customerJson("Ron", taken, null, null));
        String id = createdId(customerJson("Tammy", freshEmail(), null, null));

        errors(api.put(CUSTOMERS + "/" + id, customerJson(null, taken.toUpperCase(), null, null)), 409, "data.email");
    }

    @Test
    void changedEmailIsFreeForOthersAndTheNewOneIsNot() {
        String old = freshEmail();
        String id = createdId(customerJson("Ron", old, null, null));
        String changed = freshEmail();
        assertThat(api.put(CUSTOMERS + "/" + id, customerJson(null, changed, null, null)).statusCode()).isEqualTo(200);

        assertThat(api.post(CUSTOMERS, customerJson("Tammy", old, null, null)).statusCode()).isEqualTo(201);
        errors(api.post(CUSTOMERS, customerJson("Tammy", changed, null, null)), 409, "data.email");
    }

    @Test
    void deletedCustomersEmailIsFree() {
        String email = freshEmail();
        String id = createdId(customerJson("Ron", email, null, null));
        assertThat(api.delete(CUSTOMERS + "/" + id).statusCode()).isEqualTo(204);

        assertThat(api.post(CUSTOMERS, customerJson("Ron", email, null, null)).statusCode()).isEqualTo(201);
    }

    @Test
    void ofSimultaneousSignUpsWithOneEmailExactlyOneSucceeds() throws Exception {
        String email = freshEmail();
        int signUps = 16;
        ExecutorService threads = Executors.newFixedThreadPool(signUps);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Integer>> attempts = IntStream.range(0, signUps)
                    .<Callable<Integer>>mapToObj(attempt -> () -> {
                        start.await();
                        String caseVariant = attempt % 2 == 0 ? email : email.toLowerCase();
                        return api.post(CUSTOMERS, customerJson("Ron " + attempt, caseVariant, null, null))
                                .statusCode();
                    })
                    .toList();
            List<Future<Integer>> statuses = attempts.stream().map(threads::submit).toList();
            start.countDown();

            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get());
            }
            assertThat(answered).containsOnly(201, 409).containsOnlyOnce(201);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void losingAWriteRaceIsAConflictAndReleasesTheNewEmail() {
        String id = createdId(customerJson("Ron", freshEmail(), null, null));
        String wanted = freshEmail();
        writeConflicts.armFor(id, 1);

        HttpResponse<String> response = api.put(CUSTOMERS + "/" + id, customerJson("Ronald", wanted, null, null));

        assertThat(errors(response, 409).get(0).get("detail").asText()).isEqualTo("Write conflict detected");
        assertThat(response.body()).doesNotContain("Exception", "E11000", "duplicate");
        assertThat(api.post(CUSTOMERS, customerJson("Tammy", wanted, null, null)).statusCode()).isEqualTo(201);
    }

    @Test
    void malformedJsonIsABadRequest() {
        errors(api.post(CUSTOMERS, "{\"data\":{\"type\":\"customer\",\"name\":"), 400);
    }

    @Test
    void missingOrWrongTypeIsABadRequest() {
        errors(api.post(CUSTOMERS, "{\"data\":{\"name\":\"Ron\",\"email\":\"r@s.com\"}}"), 400, "data.type");
        errors(api.post(CUSTOMERS,
                "{\"data\":{\"type\":\"address\",\"name\":\"Ron\",\"email\":\"r@s.com\"}}"), 400, "data.type");
    }

    @Test
    void fieldsOfTheWrongTypeAreEachNamed() {
        HttpResponse<String> response = api.post(CUSTOMERS, "{\"data\":{\"type\":\"customer\",\"name\":42,"
                + "\"email\":[\"r@s.com\"],\"password\":12345678,\"external_ref\":{\"id\":1}}}");

        assertThat(sources(fieldErrors(response, 400)))
                .containsExactlyInAnyOrder("data.name", "data.email", "data.password", "data.external_ref");
    }

    @Test
    void updateWithAFieldOfTheWrongTypeIsABadRequest() {
        String id = createdId(customerJson("Ron", freshEmail(), null, null));

        errors(api.put(CUSTOMERS + "/" + id,
                "{\"data\":{\"type\":\"customer\",\"name\":true}}"), 400, "data.name");
    }

    @Test
    void bodyOverTheLimitIsTooLarge() {
        String huge = customerJson("Ron", freshEmail(), null, "x".repeat(70 * 1024));

        errors(api.post(CUSTOMERS, huge), 413);
        errors(api.post(CUSTOMERS, BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(huge.getBytes()))), 413);
    }

    @Test
    void bodyThatIsNotJsonIsUnsupported() {
        errors(api.send(api.request(CUSTOMERS).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("name=Ron"))), 415);
    }

    @Test
    void unknownPathAndWrongMethodAnswerInTheContractFormat() {
        HttpResponse<String> unknown = api.get("/v2/customerz");
        errors(unknown, 404);
        errors(api.delete(CUSTOMERS), 405);
        assertThat(unknown.body()).doesNotContain("timestamp", "static");
    }

    @Test
    void createRequiresNameAndEmail() {
        errors(api.post(CUSTOMERS, customerJson(null, null, null, null)), 422, "data.name", "data.email");
    }

    @Test
    void blankNameIsInvalid() {
        errors(api.post(CUSTOMERS, customerJson("  ", freshEmail(), null, null)), 422, "data.name");
    }

    @Test
    void emailSyntaxIsChecked() {
        for (String invalid : List.of("ron", "ron@", "@swanson.com", "ron@swanson", "ron swanson@x.com",
                "ron@@swanson.com")) {
            assertThat(sources(fieldErrors(api.post(CUSTOMERS, customerJson("Ron", invalid, null, null)), 422)))
                    .as(invalid).containsExactly("data.email");
        }
    }

    @Test
    void passwordMustBe8To128Characters() {
        String shortest = "12345678";
        String longest = "p".repeat(128);
        errors(api.post(CUSTOMERS, customerJson("Ron", freshEmail(), "1234567", null)), 422, "data.password");
        errors(api.post(CUSTOMERS, customerJson("Ron", freshEmail(), longest + "p", null)), 422, "data.password");
        assertThat(api.post(CUSTOMERS, customerJson("Ron", freshEmail(), shortest, null)).statusCode()).isEqualTo(201);
        assertThat(api.post(CUSTOMERS, customerJson("Ron", freshEmail(), longest, null)).statusCode()).isEqualTo(201);
    }

    @Test
    void passwordLengthIsCheckedOnUpdate() {
        String id = createdId(customerJson("Ron", freshEmail(), null, null));

        errors(api.put(CUSTOMERS + "/" + id, customerJson(null, null, "short", null)), 422, "data.password");
    }

    @Test
    void externalRefIsAtMost2048Characters() {
        errors(api.post(CUSTOMERS,
                customerJson("Ron", freshEmail(), null, "r".repeat(2049))), 422, "data.external_ref");
        assertThat(api.post(CUSTOMERS, customerJson("Ron", freshEmail(), null, "r".repeat(2048))).statusCode())
                .isEqualTo(201);
    }

    @Test
    void invalidPasswordIsNeverEchoed() {
        HttpResponse<String> response = api.post(CUSTOMERS, customerJson("Ron", freshEmail(), "secret7", null));

        errors(response, 422, "data.password");
        assertThat(response.body()).doesNotContain("secret7");
    }

    /** The snapshot's state as revision 1 laid it out: the credentials' fields among the customer's own. */
    private String asRevisionOne(String customerId, String payload) throws JsonProcessingException {
        String passwordHash = eventStore.readEvents(customerId, 0).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(PasswordSet.class::isInstance)
                .map(passwordSet -> ((PasswordSet) passwordSet).passwordHash())
                .findFirst().orElseThrow();
        ObjectNode state = (ObjectNode) JSON.readTree(payload);
        state.remove("credentials");
        state.put("passwordHash", new PersonalDataCipher(dataKeys)
                .encrypt(customerId, "passwordHash", JSON.writeValueAsBytes(passwordHash)).orElseThrow());
        state.put("credentialVersion", 1).put("consecutiveSignInFailures", 0)
                .putNull("lastSignInFailureAt").putNull("signInLockedUntil");
        return state.toString();
    }

    String createdId(String body) {
        HttpResponse<String> response = api.post(CUSTOMERS, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).at("/data/id").asText();
    }

    JsonNode updated(String id, String body) {
        HttpResponse<String> response = api.put(CUSTOMERS + "/" + id, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode customer = json(response).get("data");
        assertThat(customer.get("id").asText()).isEqualTo(id);
        return customer;
    }
}
