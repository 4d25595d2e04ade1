package dev.patron.command.customer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The customer API against a real MongoDB (a one-node replica set), where Docker runs. */
@Testcontainers(disabledWithoutDocker = true)
class CustomerApiMongoContainerTest extends CustomerApiContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    @DynamicPropertySource
    static void realMongo(DynamicPropertyRegistry registry) {
        registry.add("patron.mongo.uri", MONGO::getReplicaSetUrl);
    }
}
