package dev.patron.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Servers on a data directory's {@code patron.mv.db}: the library's own backend, ours, and a client for each. */
final class TestServers {

    private TestServers() {
    }

    /** A running server and a client connected to it; closing closes both, and so the store file. */
    interface Running extends AutoCloseable {
        MongoClient client();

        @Override
        void close();
    }

    /** mongo-java-server's own {@code H2Backend}, as Patron ran before. */
    static Running original(Path dataDirectory) {
        return onBackend(dataDirectory, H2Backend::new);
    }

    /** Our backend with documents Java-serialized as the library does (the benchmark's middle column). */
    static Running oursWithJavaSerializedDocuments(Path dataDirectory) {
        try {
            EmbeddedMongoServer.Opened opened = EmbeddedMongoServer.open(dataDirectory, EmbeddedMongoServer.DEFAULT_SWEEP_DELAY);
            return onServer(new MongoServer(new PatronH2Backend.WithJavaSerializedDocuments(opened.store(), opened.sweep())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Patron's server, as {@code ./patron up} runs it. */
    static Running ours(Path dataDirectory) {
        try {
            EmbeddedMongoServer server = EmbeddedMongoServer.start("127.0.0.1", 0, dataDirectory);
            MongoClient client = MongoClients.create(server.connectionString());
            return new Running() {
                @Override
                public MongoClient client() {
                    return client;
                }

                @Override
                public void close() {
                    client.close();
                    server.close();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Running onBackend(Path dataDirectory, Function<MVStore, MongoBackend> backend) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MVStore store = new MVStore.Builder().fileName(storeFile(dataDirectory).toString()).open();
        return onServer(new MongoServer(backend.apply(store)));
    }

    private static Running onServer(MongoServer server) {
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        return new Running() {
            @Override
            public MongoClient client() {
                return client;
            }

            @Override
            public void close() {
                client.close();
                server.shutdownNow();
            }
        };
    }

    static Path storeFile(Path dataDirectory) {
        return dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME);
    }

    /** The names of the maps in the (closed) store file. */
    static Set<String> mapNames(Path dataDirectory) {
        try (MVStore store = new MVStore.Builder().fileName(storeFile(dataDirectory).toString()).readOnly().open()) {
            return new TreeSet<>(store.getMapNames());
        }
    }
}
