package dev.patron.eventstore.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Records every command the real MongoDB driver sends to the server, as the server receives it: what tests count to
 * show how many round trips a piece of code costs. Give {@link #client(String)} (or {@link #settings}) to the code
 * under test, and look at {@link #commands()} afterwards.
 */
public final class RecordedCommands implements CommandListener {

    /**
     * One command: its name ({@code find}, {@code insert}, {@code update}...), the database it went to, the
     * collection it names (for the collection commands), and the whole command document (a copy).
     */
    public record Command(String name, String database, String collection, BsonDocument document) {

        /** The {@code filter} of a {@code find}, empty for other commands. */
        public BsonDocument filter() {
            return document.containsKey("filter") ? document.getDocument("filter") : new BsonDocument();
        }

        public boolean on(String database, String collection) {
            return this.database.equals(database) && collection.equals(this.collection);
        }
    }

    private final List<Command> commands = new CopyOnWriteArrayList<>();

    /** A client of the in-memory server whose commands this recorder sees. */
    public MongoClient client() {
        return client(InMemoryMongo.connectionString());
    }

    public MongoClient client(String connectionString) {
        return MongoClients.create(settings(connectionString));
    }

    public MongoClientSettings settings(String connectionString) {
        return MongoClientSettings.builder()
                                  .applyConnectionString(new ConnectionString(connectionString))
                                  .addCommandListener(this)
                                  .build();
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        // The event's document is only valid during this call: keep a copy.
        BsonDocument document = event.getCommand().clone();
        BsonValue target = document.get(event.getCommandName());
        String collection = target != null && target.isString() ? target.asString().getValue() : null;
        commands.add(new Command(event.getCommandName(), event.getDatabaseName(), collection, document));
    }

    /** Every command sent so far, in order. */
    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** The commands sent so far that match. */
    public List<Command> commands(Predicate<Command> matching) {
        return commands.stream().filter(matching).toList();
    }

    /** The commands sent so far to one collection of one database. */
    public List<Command> on(String database, String collection) {
        return commands(command -> command.on(database, collection));
    }

    /** The commands sent so far to one database. */
    public List<Command> toDatabase(String database) {
        return commands(command -> command.database().equals(database));
    }

    public void clear() {
        commands.clear();
    }
}
