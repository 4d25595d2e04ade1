package dev.patron.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.UUID;

/** The engine's tests against a real MongoDB replica set; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class MongoEventStorageEngineOnRealMongoTest extends MongoEventStorageEngineTest {

    @Container
    private static final MongoDBContainer mongo = new MongoDBContainer("mongo:7.0");
    private static MongoClient client;

    @Override
    protected MongoDatabase newDatabase() {
        if (client == null) {
            client = MongoClients.create(mongo.getReplicaSetUrl());
        }
        return client.getDatabase("test_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
        }
    }
}
