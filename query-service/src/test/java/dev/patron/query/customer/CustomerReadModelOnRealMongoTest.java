package dev.patron.query.customer;

import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The read-model tests against a real MongoDB: its PCRE regex engine must read the escaped like-patterns literally. */
@Testcontainers(disabledWithoutDocker = true)
class CustomerReadModelOnRealMongoTest extends CustomerReadModelTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    @Override
    String mongoUri() {
        return MONGO.getConnectionString();
    }
}
