package dev.patron.eventstore.testing;

import com.mongodb.client.MongoDatabase;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.eventstore.privacy.LookupKeys;
import dev.patron.eventstore.privacy.MasterKeyFile;
import dev.patron.eventstore.privacy.MasterKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;

/** Keys for tests that build stores by hand: one master key file in a temp folder for the JVM's life. */
public final class TestKeys {

    private static MasterKeys masterKeys;

    private TestKeys() {
    }

    public static synchronized MasterKeys masterKeys() {
        if (masterKeys == null) {
            try {
                masterKeys = MasterKeyFile.openOrCreate(Files.createTempDirectory("patron-keys").resolve("master-keys"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return masterKeys;
    }

    /** The lookup keys of a database, whose secret is a data key in it, as in a service. */
    public static LookupKeys lookupKeysIn(MongoDatabase database) {
        return new LookupKeys(new DataKeyStore(database, masterKeys(), Duration.ofMinutes(1), Clock.systemUTC()), database);
    }
}
