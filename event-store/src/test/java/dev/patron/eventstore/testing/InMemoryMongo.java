package dev.patron.eventstore.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;

/**
 * mongo-java-server with its in-memory backend on a random loopback port: tests talk to it with the real MongoDB
 * driver over TCP, exactly as the services talk to the embedded server or to a real MongoDB.
 * One server per JVM, for the JVM's whole life; each test class isolates itself with its own database name where it
 * needs to.
 */
public final class InMemoryMongo {

    private static MongoServer server;
    private static String connectionString;

    private InMemoryMongo() {
    }

    public static synchronized String connectionString() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            connectionString = "mongodb://127.0.0.1:" + address.getPort();
            // Not stopped by a shutdown hook: hooks run at once, and the Spring contexts that tests cache are closed
            // by one, whose event processors would then wait 30 s for a server that is gone. The JVM's exit ends it.
        }
        return connectionString;
    }
}
