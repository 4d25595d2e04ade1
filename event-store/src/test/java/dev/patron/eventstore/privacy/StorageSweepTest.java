package dev.patron.eventstore.privacy;

import com.mongodb.client.MongoClient;
import dev.patron.eventstore.testing.RecordedCommands;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that does not know the sweep command (MongoDB, here the in-memory server) is asked once; the embedded
 * server's answer to it is tested with the server (embedded-mongo) and end to end (standalone).
 */
class StorageSweepTest {

    private final RecordedCommands recorded = new RecordedCommands();

    @Test
    void aDatabaseThatDoesNotKnowTheCommandIsAskedOnceAndNeverAgain() {
        try (MongoClient client = recorded.client(); StorageSweep sweep = new StorageSweep(client.getDatabase("patron"))) {
            sweep.request();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(sweep::knownUnsupported);

            sweep.request();
            sweep.request();

            assertThat(recorded.commands(command -> command.name().equals(StorageSweep.COMMAND))).hasSize(1);
        }
    }
}
