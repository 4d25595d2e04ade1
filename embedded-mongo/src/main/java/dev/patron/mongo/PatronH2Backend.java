package dev.patron.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend with index keys, document positions and documents stored in compact binary
 * encodings ({@link KeyValueDataType}, {@link ValueDataType}, {@link DocumentDataType}) instead of H2's
 * {@code ObjectDataType}, which Java-serialized every index key on every comparison in the B-tree and every
 * document when writing a page. The maps are named by {@link StoreLayout}; a file written by the library's
 * {@code H2Backend} is migrated collection by collection and index by index when its database is opened
 * ({@link LegacyMaps}). No command is answered before its effects are in the file ({@link GroupCommit}).
 */
class PatronH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(PatronH2Backend.class);

    private final EmbeddedStoreSweep sweep;
    private final GroupCommit commits;

    PatronH2Backend(MVStore store, EmbeddedStoreSweep sweep) {
        // H2Backend's constructor opens (through openOrCreateDatabase, which migrates) every database that still
        // has maps in the library's layout; the ones already in ours are opened here.
        super(store);
        this.sweep = sweep;
        this.commits = new GroupCommit(store);
        for (String databaseName : layout().databaseNames(store)) {
            log.info("opening database '{}'", databaseName);
            resolveDatabase(databaseName);
        }
    }

    /**
     * The layout of the maps. A method rather than a field: H2Backend's constructor opens databases before a
     * subclass's fields are assigned.
     */
    StoreLayout layout() {
        return StoreLayout.COMPACT;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new PatronH2Database(databaseName, getMvStore(), layout(), getCursorRegistry());
    }

    /**
     * {@value EmbeddedStoreSweep#COMMAND} requests a sweep of the data file (Patron sends it after an erasure). Every
     * other command, whatever it does and whether it succeeds (an ordered insert that fails half way keeps the
     * documents before the failure), is answered only once its effects are in the file.
     */
    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (command.equals(EmbeddedStoreSweep.COMMAND)) {
            sweep.request();
            return new Document("ok", 1.0);
        }
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            commits.afterCommand();
        }
    }

    /** With every client disconnected, a sweep still owed runs before the store is written and closed. */
    @Override
    public void close() {
        sweep.close();
        super.close();
    }

    /** Documents Java-serialized as the library stores them; for the benchmark's same-run comparison only. */
    static final class WithJavaSerializedDocuments extends PatronH2Backend {

        WithJavaSerializedDocuments(MVStore store, EmbeddedStoreSweep sweep) {
            super(store, sweep);
        }

        @Override
        StoreLayout layout() {
            return StoreLayout.JAVA_SERIALIZED_DOCUMENTS;
        }
    }
}
