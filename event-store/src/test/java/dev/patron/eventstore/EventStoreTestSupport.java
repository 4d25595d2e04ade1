package dev.patron.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.eventstore.privacy.PersonalDataCipher;
import dev.patron.eventstore.privacy.PersonalDataSerializer;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.eventstore.testing.TestKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

/** Builds engines on a fresh database of the in-memory server, reached over TCP by the real driver. */
public final class EventStoreTestSupport {

    private static final MongoClient client = MongoClients.create(InMemoryMongo.connectionString());

    private EventStoreTestSupport() {
    }

    static MongoDatabase freshDatabase() {
        return client.getDatabase("test_" + UUID.randomUUID().toString().replace("-", ""));
    }

    static Serializer serializer(MongoDatabase database) {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return new PersonalDataSerializer(JacksonSerializer.builder().objectMapper(mapper).build(),
                                          new PersonalDataCipher(new DataKeyStore(database, TestKeys.masterKeys(), Duration.ofSeconds(30), Clock.systemUTC())));
    }

    static MongoEventStorageEngine engine(MongoDatabase database, Duration gapTimeout) {
        return engine(database, gapTimeout, NoOpEventUpcaster.INSTANCE);
    }

    static MongoEventStorageEngine engine(MongoDatabase database, Duration gapTimeout, EventUpcaster upcaster) {
        return builder(database, gapTimeout).upcasterChain(upcaster).build();
    }

    /** An engine that times gaps on {@code nanoClock} instead of {@link System#nanoTime()}: a clock the test turns. */
    static MongoEventStorageEngine engine(MongoDatabase database, Duration gapTimeout, LongSupplier nanoClock) {
        return builder(database, gapTimeout).nanoClock(nanoClock).build();
    }

    private static MongoEventStorageEngine.Builder builder(MongoDatabase database, Duration gapTimeout) {
        Serializer serializer = serializer(database);
        return MongoEventStorageEngine.builder()
                                      .database(database)
                                      .eventSerializer(serializer)
                                      .snapshotSerializer(serializer)
                                      .upcasterChain(NoOpEventUpcaster.INSTANCE)
                                      .gapTimeout(gapTimeout)
                                      .batchSize(10);
    }

    public static DomainEventMessage<TestEvent> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("TestAggregate", aggregateId, sequence,
                                               new TestEvent(aggregateId, sequence, "note " + sequence));
    }

    public record TestEvent(String aggregateId, long sequence, String note) {
    }
}
