package dev.patron.mongo;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A MongoDB-protocol server whose data lives in one H2 MVStore file, so a developer machine without
 * MongoDB or Docker can run Patron and keep its data across restarts. It runs mongo-java-server with
 * {@link PatronH2Backend}, which stores index keys and documents in compact encodings (see that class and
 * {@code embedded-mongo/README.md}), on a file store that can overwrite what is deleted ({@link ErasingFileStore}),
 * swept after each erasure ({@link EmbeddedStoreSweep}).
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
    /** How long after an erasure the data file is swept, unless told otherwise; see {@link EmbeddedStoreSweep}. */
    public static final Duration DEFAULT_SWEEP_DELAY = Duration.ofMinutes(1);

    private final MVStore store;
    private final EmbeddedStoreSweep sweep;
    private final MongoServer server;

    private EmbeddedMongoServer(Opened opened, MongoServer server) {
        this.store = opened.store();
        this.sweep = opened.sweep();
        this.server = server;
    }

    public static EmbeddedMongoServer start(String host, int port, Path dataDirectory) throws IOException {
        return start(host, port, dataDirectory, DEFAULT_SWEEP_DELAY);
    }

    /** @param sweepDelay how long after an erasure is requested the file is swept (and H2's retention time) */
    public static EmbeddedMongoServer start(String host, int port, Path dataDirectory, Duration sweepDelay)
            throws IOException {
        Opened opened = open(dataDirectory, sweepDelay);
        MongoServer server;
        try {
            // Opening the backend opens every database in the file, migrating maps of the library's own format.
            server = new MongoServer(new PatronH2Backend(opened.store(), opened.sweep()));
            server.bind(host, port);
        } catch (RuntimeException failure) {
            opened.store().close();
            throw failure;
        }
        return new EmbeddedMongoServer(opened, server);
    }

    /** The store file of a data directory, opened on the erasing file store, and its sweep. */
    static Opened open(Path dataDirectory, Duration sweepDelay) throws IOException {
        Files.createDirectories(dataDirectory);
        ErasingFileStore file = new ErasingFileStore(dataDirectory.resolve(STORE_FILE_NAME));
        MVStore store = new MVStore.Builder()
                .adoptFileStore(file)
                .autoCommitBufferSize(COMMIT_BUFFER_KIB)
                .open();
        file.noteChunksAtOpen();
        // No versions kept for readers of the store's own (H2's database sets the same), and chunks replaced less
        // than a sweep's delay ago kept: see EmbeddedStoreSweep.
        store.setVersionsToKeep(0);
        store.setRetentionTime(Math.toIntExact(sweepDelay.toMillis()));
        return new Opened(store, new EmbeddedStoreSweep(store, file, sweepDelay));
    }

    record Opened(MVStore store, EmbeddedStoreSweep sweep) {
    }

    public InetSocketAddress address() {
        return server.getLocalAddress();
    }

    public String connectionString() {
        InetSocketAddress address = address();
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Disconnects clients, then closes the backend, which runs a sweep still owed, writes and closes the MVStore. */
    @Override
    public void close() {
        server.shutdownNow();
    }

    /** How many sweeps of the data file have completed since the server started. */
    public long completedSweeps() {
        return sweep.completed();
    }

    EmbeddedStoreSweep.Swept lastSwept() {
        return sweep.lastSwept();
    }

    /** Whether a sweep was requested that has not run yet. */
    public boolean sweepOwed() {
        return sweep.owed();
    }

    boolean isStoreClosed() {
        return store.isClosed();
    }
}
