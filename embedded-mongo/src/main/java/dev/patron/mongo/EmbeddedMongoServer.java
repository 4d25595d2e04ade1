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
     * How many changes MVStore gathers before it writes them on its own, within one command: every answer writes them
     * anyway ({@link GroupCommit}), so this only bounds what a long command (a large insert, a migration) holds in the
     * heap. Each write copies the changed pages with their path to the root; H2's 1 MB made such commands write the
     * same inner pages over and over.
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
