package dev.patron.eventstore.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;

/**
 * mongo-java-server with its in-memory backend on a random loopback port: tests talk to it with the real MongoDB
 * driver over TCP, exactly as the services talk to the embedded server or to a real MongoDB.
 * One server per JVM; each test class isolates itself with its own database name where it needs to.
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
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "in-memory-mongo-shutdown"));
        }
        return connectionString;
    }
}
