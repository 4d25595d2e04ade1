package dev.patron.command.auth;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.jwk.ECKey;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.security.TokenSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signing key kept in MongoDB through the real driver: created once, shared, kept across restarts. */
class SigningKeysTest {

    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void freshDatabase() {
        client = MongoClients.create(InMemoryMongo.connectionString());
        database = client.getDatabase("signing-keys-" + UUID.randomUUID());
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aRestartedServiceSignsWithTheKeyItCreatedBefore() {
        ECKey first = new SigningKeys(database).activeKey();
        ECKey afterRestart = new SigningKeys(database).activeKey();

        assertThat(afterRestart).isEqualTo(first);
        assertThat(afterRestart.isPrivate()).isTrue();
    }

    @Test
    void instancesStartingTogetherAllSignWithOneKey() throws Exception {
        int instances = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        try {
            List<Future<ECKey>> keys = IntStream.range(0, instances)
                    .mapToObj(i -> threads.submit((Callable<ECKey>) () -> {
                        start.await();
                        return new SigningKeys(database).activeKey();
                    }))
                    .toList();
            start.countDown();
            ECKey winner = keys.get(0).get();
            for (Future<ECKey> key : keys) {
                assertThat(key.get()).isEqualTo(winner);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(database.getCollection(SigningKeys.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void aConfiguredKeyIsUsedAndNothingIsStored() {
        ECKey configured = TokenSigner.generateSigningKey();
        ActiveSigningKey active = new AuthConfiguration().activeSigningKey(
                new TokenIssuingProperties(Duration.ofHours(1), configured.toJSONString()), database);

        assertThat(active.key()).isEqualTo(configured);
        assertThat(database.getCollection(SigningKeys.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void aConfiguredKeyWithoutItsPrivatePartIsRefusedAtStart() {
        String publicOnly = TokenSigner.generateSigningKey().toPublicJWK().toJSONString();
        assertThatThrownBy(() -> SigningKeys.parse(publicOnly))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("private P-256");
    }
}
