package dev.patron.command.customer;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for clients of an eventually consistent read model: a write is answered only once the read
 * model shows it, so that a read right after a write sees it. The wait is bounded; when it runs out the write,
 * which did happen, is answered anyway and the lag is logged. Each look is an {@code eq} on {@code _id}, the one
 * lookup that is fast on every MongoDB.
 */
@Component
@EnableConfigurationProperties(ReadYourWritesProperties.class)
public class ReadModelCatchUp {

    /** The query service's customer read model: {@code _id} = customer id, {@code version} = last applied sequence. */
    static final String CUSTOMERS = "customers";
    private static final String VERSION = "version";
    private static final Logger log = LoggerFactory.getLogger(ReadModelCatchUp.class);

    private final MongoDatabase database;
    private final ReadYourWritesProperties properties;

    public ReadModelCatchUp(MongoDatabase database, ReadYourWritesProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    /** Waits until the customer read model has applied the customer's event with sequence number {@code version}. */
    public void awaitCustomerVersion(String customerId, long version) {
        await(CUSTOMERS, customerId, Projections.include(VERSION), "version " + version + " of customer " + customerId,
                customer -> customer != null && customer.get(VERSION) instanceof Number applied
                        && applied.longValue() >= version);
    }

    /** Waits until the customer is gone from the customer read model. */
    public void awaitCustomerRemoval(String customerId) {
        await(CUSTOMERS, customerId, Projections.include(VERSION), "removal of customer " + customerId,
                customer -> customer == null);
    }

    /**
     * Waits until the document {@code id} of {@code collection} (reduced to {@code projection}; {@code null} while
     * there is none) satisfies {@code caughtUp}.
     *
     * @param awaited what is waited for, in words, for the log line should the wait run out
     */
    public void await(String collection, String id, Bson projection, String awaited, Predicate<Document> caughtUp) {
        if (!properties.enabled()) {
            return;
        }
        var documents = database.getCollection(collection);
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        while (!caughtUp.test(documents.find(eq("_id", id)).projection(projection).first())) {
            if (System.nanoTime() >= deadline) {
                log.warn("Read model {} did not show {} within {}", collection, awaited, properties.timeout());
                return;
            }
            try {
                Thread.sleep(properties.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
