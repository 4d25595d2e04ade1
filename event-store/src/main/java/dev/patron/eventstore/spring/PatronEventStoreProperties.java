package dev.patron.eventstore.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code patron.*} settings of the event store and what shares its database.
 *
 * @param mongo      {@code patron.mongo.uri}: where the MongoDB (or the embedded MongoDB-protocol server) listens;
 *                   {@code patron.mongo.database}: the database holding the event store, token store, read models
 *                   and data keys; {@code patron.mongo.server-selection-timeout}: how long a command waits for the
 *                   database to be reachable before it fails (the driver's 30 s unless set)
 * @param eventStore {@code patron.event-store.*}: {@code gap-timeout}, how long tracking readers wait for a reserved
 *                   global index to be written; {@code batch-size}, global indexes asked for per read from the log and
 *                   commit keys probed per aggregate read; {@code snapshot-threshold}, events loaded for an aggregate
 *                   before a snapshot of it is taken; {@code idle-poll}, how often a follower of the log that was not
 *                   woken looks for new events anyway; {@code read-ahead}, the most events a follower reads ahead of
 *                   its processor; {@code claim-timeout}, how long a tracking processor's claim of a segment
 *                   lasts without being renewed before another instance may take it (Axon's 10 s unless set)
 * @param privacy    {@code patron.privacy.key-cache-ttl}: how long a data key may be used from memory, which bounds
 *                   how long another process can still decrypt a customer's data after their key was destroyed;
 *                   {@code patron.privacy.master-key-file}: the file of master keys that wrap the data keys, created
 *                   with one key if absent (every service of a deployment must read the same file)
 */
@ConfigurationProperties(prefix = "patron")
public record PatronEventStoreProperties(Mongo mongo, EventStore eventStore, Privacy privacy) {

    public PatronEventStoreProperties {
        mongo = mongo != null ? mongo : new Mongo(null, null, null);
        eventStore = eventStore != null ? eventStore : new EventStore(null, null, null, null, null, null);
        privacy = privacy != null ? privacy : new Privacy(null, null);
    }

    public record Mongo(String uri, String database, Duration serverSelectionTimeout) {
        public Mongo {
            uri = uri != null ? uri : "mongodb://localhost:27017";
            database = database != null ? database : "patron";
            serverSelectionTimeout = serverSelectionTimeout != null ? serverSelectionTimeout : Duration.ofSeconds(30);
        }
    }

    public record EventStore(Duration gapTimeout, Integer batchSize, Integer snapshotThreshold, Duration idlePoll,
                             Integer readAhead, Duration claimTimeout) {
        public EventStore {
            gapTimeout = gapTimeout != null ? gapTimeout : Duration.ofSeconds(30);
            batchSize = batchSize != null ? batchSize : 100;
            snapshotThreshold = snapshotThreshold != null ? snapshotThreshold : 50;
            idlePoll = idlePoll != null ? idlePoll : Duration.ofSeconds(1);
            readAhead = readAhead != null ? readAhead : 1000;
            claimTimeout = claimTimeout != null ? claimTimeout : Duration.ofSeconds(10);
        }
    }

    public record Privacy(Duration keyCacheTtl, Path masterKeyFile) {
        public Privacy {
            keyCacheTtl = keyCacheTtl != null ? keyCacheTtl : Duration.ofSeconds(30);
            masterKeyFile = masterKeyFile != null ? masterKeyFile : Path.of(".patron", "data", "master-keys");
        }
    }
}
