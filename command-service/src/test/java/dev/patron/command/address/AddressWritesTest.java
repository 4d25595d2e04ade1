package dev.patron.command.address;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.patron.command.customer.ReadModelCatchUp;
import dev.patron.command.customer.ReadYourWritesProperties;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wait for the address read model, against a read model that a projection (played here by a thread) updates
 * late, laid out as the query service's projection lays it out; and the failures a client is told about.
 */
class AddressWritesTest {

    private final MongoClient client = MongoClients.create(InMemoryMongo.connectionString());
    private final MongoCollection<Document> readModel =
            client.getDatabase("address-writes-test").getCollection(AddressWrites.READ_MODEL);
    private final CommandGateway commandGateway = mock(CommandGateway.class);
    private final AddressWrites writes = new AddressWrites(commandGateway, new ReadModelCatchUp(
            client.getDatabase("address-writes-test"),
            new ReadYourWritesProperties(true, Duration.ofMinutes(1), Duration.ofMillis(5))));
    private final String customerId = UUID.randomUUID().toString();
    private final String addressId = UUID.randomUUID().toString();

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void answersOnlyOnceTheReadModelShowsTheAddressAtTheCommandsVersion() {
        answerWithVersion(2);
        CompletableFuture<Void> projection = CompletableFuture.runAsync(() -> {
            project(Updates.set("addresses." + UUID.randomUUID() + ".version", 5));
            project(Updates.set("addresses." + addressId + ".version", 0));
            project(Updates.set("addresses." + addressId + ".version", 1));
            project(Updates.set("addresses." + addressId + ".version", 2));
        });

        writes.update(new UpdateAddress(customerId, addressId, null));

        assertThat(readModel.find(eq("_id", customerId)).first().getEmbedded(
                List.of("addresses", addressId, "version"), Integer.class)).isEqualTo(2);
        projection.join();
    }

    @Test
    void answersOnceTheCustomerIsGoneWithAllTheirAddresses() {
        answerWithVersion(1);
        project(Updates.set("addresses." + addressId + ".version", 0));
        CompletableFuture<Void> projection = CompletableFuture.runAsync(() ->
                project(Updates.combine(Updates.unset("addresses"), Updates.set("customerDeleted", true))));

        writes.delete(new DeleteAddress(customerId, addressId));

        assertThat(readModel.find(eq("_id", customerId)).first().getBoolean("customerDeleted")).isTrue();
        projection.join();
    }

    @Test
    void aLostWriteRaceIsAConflict() {
        when(commandGateway.sendAndWait(any())).thenThrow(new ConcurrencyException("sequence taken"));

        assertThatThrownBy(() -> writes.update(new UpdateAddress(customerId, addressId, null)))
                .isInstanceOfSatisfying(ApiException.class, failure -> assertThat(failure.status().value())
                        .isEqualTo(409));
    }

    private void answerWithVersion(long version) {
        when(commandGateway.sendAndWait(any()))
                .thenReturn(new AddressState(addressId, customerId, null, Instant.EPOCH, Instant.EPOCH, version));
    }

    /** One step of the projection, after letting the waiting side look at least once. */
    private void project(Bson update) {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readModel.updateOne(eq("_id", customerId), update, new UpdateOptions().upsert(true));
    }
}
