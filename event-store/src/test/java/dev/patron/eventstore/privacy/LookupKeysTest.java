package dev.patron.eventstore.privacy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.eventstore.testing.TestKeys;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lookup keys: the same for a value in every process of a deployment (the secret is one stored data key), another in
 * another deployment, never containing the value; and entries an earlier Patron stored under the value itself moved.
 */
class LookupKeysTest {

    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void connect() {
        client = MongoClients.create(InMemoryMongo.connectionString());
        database = client.getDatabase("lookups_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void aValueHasOneKeyInADeploymentAnotherInAnotherAndTheKeyHoldsNothingOfIt() {
        String key = TestKeys.lookupKeysIn(database).of("leslie@pawnee.gov");

        assertThat(TestKeys.lookupKeysIn(database).of("leslie@pawnee.gov")).as("another process").isEqualTo(key);
        assertThat(TestKeys.lookupKeysIn(database).of("ann@pawnee.gov")).isNotEqualTo(key);
        assertThat(TestKeys.lookupKeysIn(client.getDatabase("other_" + UUID.randomUUID().toString().replace("-", "")))
                .of("leslie@pawnee.gov")).as("another deployment's secret").isNotEqualTo(key);
        assertThat(key).startsWith("k1:").hasSize(3 + 43).doesNotContain("leslie", "pawnee");
        assertThat(LookupKeys.isLookupKey(key)).isTrue();
        assertThat(LookupKeys.isLookupKey("leslie@pawnee.gov")).isFalse();
    }

    @Test
    void entriesStoredUnderTheirValueMoveToTheirKeyAndEntriesAlreadyThereStay() {
        LookupKeys lookupKeys = TestKeys.lookupKeysIn(database);
        MongoCollection<Document> lookup = database.getCollection("customer_emails");
        lookup.insertOne(new Document("_id", "ron@swanson.com").append("customerIds", List.of("c-1")));
        lookup.insertOne(new Document("_id", "ann@perkins.com").append("customerIds", List.of("c-2")));
        lookup.insertOne(new Document("_id", lookupKeys.of("ann@perkins.com")).append("customerIds", List.of("c-3")));
        lookup.insertOne(new Document("_id", lookupKeys.of("april@ludgate.com")).append("customerIds", List.of("c-4")));

        assertThat(lookupKeys.moveEntriesStoredUnderValues(lookup)).isEqualTo(2);
        assertThat(lookupKeys.moveEntriesStoredUnderValues(lookup)).as("run again").isZero();

        List<Document> entries = lookup.find().into(new ArrayList<>());
        assertThat(entries).extracting(entry -> entry.getString("_id")).containsExactlyInAnyOrder(
                lookupKeys.of("ron@swanson.com"), lookupKeys.of("ann@perkins.com"), lookupKeys.of("april@ludgate.com"));
        assertThat(lookup.find(new Document("_id", lookupKeys.of("ron@swanson.com"))).first())
                .containsEntry("customerIds", List.of("c-1"));
        assertThat(lookup.find(new Document("_id", lookupKeys.of("ann@perkins.com"))).first())
                .as("an entry already under its key keeps what it holds").containsEntry("customerIds", List.of("c-3"));
    }
}
