package dev.patron.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Revocations through the real driver over TCP, as two service instances share them. */
class CustomerTokenRevocationsTest {

    private static MongoServer server;
    private static MongoClient client;
    private static MongoDatabase database;
    private final String customerId = UUID.randomUUID().toString();

    @BeforeAll
    static void startMongo() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("revocations");
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void tokensOlderThanTheRevokedVersionAreRevokedAndNoOthers() {
        CustomerTokenRevocations revocations = new CustomerTokenRevocations(database, Duration.ofHours(1));
        assertThat(revocations.isRevoked(new CustomerToken(customerId, CustomerToken.NO_PASSWORD_SET))).isFalse();

        revocations.revokeBefore(customerId, 3);

        assertThat(revocations.isRevoked(new CustomerToken(customerId, CustomerToken.NO_PASSWORD_SET))).isTrue();
        assertThat(revocations.isRevoked(new CustomerToken(customerId, 2))).isTrue();
        assertThat(revocations.isRevoked(new CustomerToken(customerId, 3))).isFalse();
        assertThat(revocations.isRevoked(new CustomerToken(UUID.randomUUID().toString(), 0))).isFalse();
    }

    @Test
    void anOlderRevocationArrivingLateRevokesNothingBack() {
        CustomerTokenRevocations revocations = new CustomerTokenRevocations(database, Duration.ZERO);

        revocations.revokeBefore(customerId, 5);
        revocations.revokeBefore(customerId, 3);

        assertThat(revocations.isRevoked(new CustomerToken(customerId, 4))).isTrue();
    }

    @Test
    void revokingAllRevokesEveryTokenEverIssued() {
        CustomerTokenRevocations revocations = new CustomerTokenRevocations(database, Duration.ZERO);

        revocations.revokeAll(customerId);

        assertThat(revocations.isRevoked(new CustomerToken(customerId, Long.MAX_VALUE - 1))).isTrue();
    }

    @Test
    void anotherInstanceSeesARevocationOnceItsCacheTimeHasPassedAndTheWriterAtOnce() {
        CustomerTokenRevocations writer = new CustomerTokenRevocations(database, Duration.ofHours(1));
        CustomerTokenRevocations cachingReader = new CustomerTokenRevocations(database, Duration.ofHours(1));
        CustomerTokenRevocations freshReader = new CustomerTokenRevocations(database, Duration.ZERO);
        CustomerToken token = new CustomerToken(customerId, 1);
        assertThat(writer.isRevoked(token)).isFalse();
        assertThat(cachingReader.isRevoked(token)).isFalse();

        writer.revokeBefore(customerId, 2);

        assertThat(writer.isRevoked(token)).isTrue();
        assertThat(freshReader.isRevoked(token)).isTrue();
        assertThat(cachingReader.isRevoked(token)).as("still within its cache time").isFalse();
    }
}
