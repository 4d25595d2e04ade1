package dev.patron.eventstore.privacy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the database to rid its files of what an erasure deleted: the embedded server sweeps its data file when it
 * receives {@code {patronSweep: 1}} (some time later, covering every erasure until then). A MongoDB server does not know
 * the command and answers "no such command"; after that answer nothing is sent again, since a MongoDB deployment needs
 * its own measures (docs/operations.md). Sent on a thread of its own, so an erasure never waits for it, and requests
 * made while one is waiting to be sent are that one.
 */
public class StorageSweep implements AutoCloseable {

    static final String COMMAND = "patronSweep";
    private static final int COMMAND_NOT_FOUND = 59;
    private static final Logger log = LoggerFactory.getLogger(StorageSweep.class);

    private final MongoDatabase database;
    private final ExecutorService sender = new ThreadPoolExecutor(0, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
            runnable -> {
                Thread thread = new Thread(runnable, "storage-sweep-request");
                thread.setDaemon(true);
                return thread;
            });
    private final AtomicBoolean waiting = new AtomicBoolean();
    private volatile boolean unsupported;

    public StorageSweep(MongoDatabase database) {
        this.database = database;
    }

    /** Requests a sweep covering everything deleted until now; returns at once. */
    public void request() {
        if (!unsupported && waiting.compareAndSet(false, true)) {
            sender.execute(this::send);
        }
    }

    private void send() {
        waiting.set(false);
        try {
            database.runCommand(new Document(COMMAND, 1));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == COMMAND_NOT_FOUND) {
                unsupported = true;
                log.info("The database does not sweep its files after an erasure (a MongoDB server); see "
                        + "docs/operations.md for what makes erased data leave its disks");
            } else {
                couldNotAsk(e);
            }
        } catch (RuntimeException e) {
            couldNotAsk(e);
        }
    }

    /** Whether the database answered that it does not know the command (then nothing is sent any more). */
    boolean knownUnsupported() {
        return unsupported;
    }

    private static void couldNotAsk(RuntimeException e) {
        log.warn("Could not ask the database to sweep its files after an erasure; the next erasure asks again", e);
    }

    @Override
    public void close() {
        sender.shutdown();
    }
}
