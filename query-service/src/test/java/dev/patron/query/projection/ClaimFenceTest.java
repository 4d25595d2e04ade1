package dev.patron.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.patron.eventstore.spring.PatronEventStoreProperties;
import dev.patron.eventstore.testing.InMemoryMongo;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ClaimFence} over Axon's real token store on a MongoDB-protocol server: two instances' stores share one
 * database, as two query services do. Once the claim of one has lapsed and the other has taken the segment, the first
 * can no longer renew it, so a batch it was still in writes nothing; and a configuration under which a write could
 * outlast a renewed claim is refused at start.
 */
class ClaimFenceTest {

    private static final String PROCESSOR = "customer-projection";
    /** Short, so the test sees a claim lapse; the fence's own check is about the configuration, not this store. */
    private static final Duration CLAIM_TIMEOUT = Duration.ofMillis(300);

    private final MongoClient client = MongoClients.create(InMemoryMongo.connectionString());
    private final MongoDatabase database = client.getDatabase("claim-fence-" + UUID.randomUUID());

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aProcessWhoseClaimAnotherInstanceTookCannotRenewIt() {
        TokenStore first = tokenStore("first");
        TokenStore second = tokenStore("second");
        first.initializeTokenSegments(PROCESSOR, 1);
        first.fetchToken(PROCESSOR, 0);
        ClaimFence fence = new ClaimFence(first, properties(Duration.ofSeconds(10), Duration.ofSeconds(2)));
        assertThatCode(() -> fence.renew(PROCESSOR, 0)).as("the holder renews its claim").doesNotThrowAnyException();
        assertThatThrownBy(() -> second.fetchToken(PROCESSOR, 0)).as("a renewed claim is not taken")
                .isInstanceOf(UnableToClaimTokenException.class);

        // The holder stops renewing (held up); once its claim lapses, the other instance takes the segment.
        await().atMost(Duration.ofSeconds(10)).ignoreException(UnableToClaimTokenException.class)
                .untilAsserted(() -> second.fetchToken(PROCESSOR, 0));

        assertThatThrownBy(() -> fence.renew(PROCESSOR, 0)).as("the former holder's next write is refused")
                .isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void aClaimThatAWriteWaitingForTheDatabaseCouldOutlastIsRefusedAtStart() {
        TokenStore store = tokenStore("any");
        assertThatThrownBy(() -> new ClaimFence(store, properties(Duration.ofSeconds(10), Duration.ofSeconds(30))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("claim-timeout");
        assertThatThrownBy(() -> new ClaimFence(store, properties(Duration.ofSeconds(8), Duration.ofSeconds(2))))
                .as("three waits of 2 s and the margin are 8 s").isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> new ClaimFence(store, properties(Duration.ofSeconds(10), Duration.ofSeconds(2))))
                .doesNotThrowAnyException();
    }

    private TokenStore tokenStore(String node) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database)
                        .trackingTokensCollectionName("tracking_tokens").build())
                .serializer(JacksonSerializer.defaultSerializer())
                .claimTimeout(CLAIM_TIMEOUT)
                .nodeId(node)
                .build();
    }

    private static PatronEventStoreProperties properties(Duration claimTimeout, Duration serverSelectionTimeout) {
        return new PatronEventStoreProperties(
                new PatronEventStoreProperties.Mongo(null, null, serverSelectionTimeout),
                new PatronEventStoreProperties.EventStore(null, null, null, null, null, claimTimeout), null);
    }
}
