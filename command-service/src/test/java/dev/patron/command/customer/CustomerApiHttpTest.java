package dev.patron.command.customer;

import dev.patron.eventstore.testing.InMemoryMongo;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The customer API against the embedded mongo-java-server, over TCP. */
class CustomerApiHttpTest extends CustomerApiContract {

    @DynamicPropertySource
    static void inMemoryMongo(DynamicPropertyRegistry registry) {
        registry.add("patron.mongo.uri", InMemoryMongo::connectionString);
    }
}
