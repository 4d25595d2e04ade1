package dev.patron.mongo;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-protocol server whose data lives in one H2 MVStore file, so a developer machine without
 * MongoDB or Docker can run Patron and keep its data across restarts. It runs mongo-java-server with
 * {@link PatronH2Backend}, which stores index keys and documents in compact encodings (see that class and
 * {@code embedded-mongo/README.md}).
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    static final String STORE_FILE_NAME = "patron.mv.db";
    /**
     * How many changes are gathered before they are written, besides H2's write at least once a second: every write
     * copies the changed pages with their path to the root, so H2's 1 MB made a busy store write the same inner
     * pages over and over (an import of 100,000 customers grew the file to 4 GB and spent 14% of its CPU storing
     * pages; with 16 MB, 2 GB and 8%). The cost is up to that much unwritten data held in the heap.
     */
    private static final int COMMIT_BUFFER_KIB = 16 * 1024;

    private final MVStore store;
    private final MongoServer server;

    private EmbeddedMongoServer(MVStore store, MongoServer server) {
        this.store = store;
        this.server = server;
    }

    public static EmbeddedMongoServer start(String host, int port, Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        MVStore store = new MVStore.Builder()
                .fileName(dataDirectory.resolve(STORE_FILE_NAME).toString())
                .autoCommitBufferSize(COMMIT_BUFFER_KIB)
                .open();
        MongoServer server;
        try {
            // Opening the backend opens every database in the file, migrating maps of the library's own format.
            server = new MongoServer(new PatronH2Backend(store));
            server.bind(host, port);
        } catch (RuntimeException failure) {
            store.close();
            throw failure;
        }
        return new EmbeddedMongoServer(store, server);
    }

    public InetSocketAddress address() {
        return server.getLocalAddress();
    }

    public String connectionString() {
        InetSocketAddress address = address();
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Disconnects clients, then closes the backend, which writes and closes the MVStore. */
    @Override
    public void close() {
        server.shutdownNow();
    }

    boolean isStoreClosed() {
        return store.isClosed();
    }
}
