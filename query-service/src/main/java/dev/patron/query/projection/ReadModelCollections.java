package dev.patron.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.patron.progress.Projections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which generation of the read model (the collections of the {@code customer-projection} processor) is current, and
 * the collections of a generation. A rebuild ({@link ReadModelRebuild}) fills a new generation's collections (named
 * {@code customers__g2}, ...; generation 1 has the plain names, so a store from before rebuilds existed is generation
 * 1) while the current one keeps answering, then switches by rewriting one small document,
 * {@code read_model_generations {_id: "customer-projection", generation: N}}.
 * <p>
 * Every store resolves its collections through here on every use, never once at start. A thread may be <em>pinned</em>
 * to a generation: a request is pinned to the generation current when it starts ({@link ReadModelGenerationFilter}),
 * so that its several lookups (an email's ids, then the customers) read one generation whole even if a switch
 * happens in between; the live processor is pinned for a batch, the rebuild's thread to the generation it fills.
 * Unpinned, the current generation is the cached pointer, read again at most every
 * {@code patron.read-models.generation-refresh} (one {@code _id} lookup) so that other instances of the service
 * follow a switch made elsewhere; the instance that switches knows at once.
 */
@Component
public class ReadModelCollections {

    static final String POINTERS = "read_model_generations";
    static final String GENERATION = "generation";
    private static final String SUFFIX = "__g";
    private static final Pattern GENERATION_NAME = Pattern.compile("(.+)" + SUFFIX + "(\\d+)");

    private final MongoDatabase database;
    private final MongoCollection<Document> pointers;
    private final long refreshNanos;
    private final ThreadLocal<Long> pinned = new ThreadLocal<>();
    private final ConcurrentMap<String, MongoCollection<Document>> byName = new ConcurrentHashMap<>();
    private volatile Cached cached;

    ReadModelCollections(MongoDatabase database,
                         @Value("${patron.read-models.generation-refresh:PT1S}") Duration refresh) {
        this.database = database;
        this.pointers = database.getCollection(POINTERS);
        this.refreshNanos = refresh.toNanos();
    }

    /** Outside Spring (tests of a store alone): the pointer read again at most every second. */
    public static ReadModelCollections of(MongoDatabase database) {
        return new ReadModelCollections(database, Duration.ofSeconds(1));
    }

    /** The collection {@code name} of the generation this thread reads and writes. */
    public MongoCollection<Document> collection(String name) {
        return collection(name, generation());
    }

    public MongoCollection<Document> collection(String name, long generation) {
        return byName.computeIfAbsent(nameIn(name, generation), database::getCollection);
    }

    /** The generation this thread is pinned to, else the current one. */
    public long generation() {
        Long pin = pinned.get();
        return pin != null ? pin : current();
    }

    /** The current generation: the pointer as last read, read again when older than the refresh interval. */
    public long current() {
        Cached seen = cached;
        long now = System.nanoTime();
        if (seen == null || now - seen.readAtNanos() >= refreshNanos) {
            Document pointer = pointers.find(Filters.eq("_id", Projections.CUSTOMERS)).first();
            long generation = pointer == null ? 1 : pointer.get(GENERATION, Number.class).longValue();
            seen = new Cached(generation, now);
            cached = seen;
        }
        return seen.generation();
    }

    /** Runs {@code work} with this thread pinned to {@code generation} (see the class comment). */
    public <T> T pinnedTo(long generation, Supplier<T> work) {
        Long before = pinned.get();
        pinned.set(generation);
        try {
            return work.get();
        } finally {
            if (before == null) {
                pinned.remove();
            } else {
                pinned.set(before);
            }
        }
    }

    void pin(long generation) {
        pinned.set(generation);
    }

    void unpin() {
        pinned.remove();
    }

    /** The switch: one write of the pointer document; readers that start after it read {@code generation}. */
    void switchTo(long generation) {
        pointers.replaceOne(Filters.eq("_id", Projections.CUSTOMERS),
                new Document("_id", Projections.CUSTOMERS).append(GENERATION, generation),
                new ReplaceOptions().upsert(true));
        cached = new Cached(generation, System.nanoTime());
    }

    /** Drops the collections {@code names} of a generation. */
    void drop(List<String> names, long generation) {
        names.forEach(name -> collection(name, generation).drop());
    }

    /** The generations other than {@code current} that still have collections among {@code names}. */
    List<Long> otherGenerations(List<String> names, long current) {
        List<Long> found = new ArrayList<>();
        for (String collection : database.listCollectionNames()) {
            Matcher generationName = GENERATION_NAME.matcher(collection);
            long generation = generationName.matches() && names.contains(generationName.group(1))
                    ? Long.parseLong(generationName.group(2))
                    : names.contains(collection) ? 1 : -1;
            if (generation > 0 && generation != current && !found.contains(generation)) {
                found.add(generation);
            }
        }
        return found;
    }

    public static String nameIn(String name, long generation) {
        return generation <= 1 ? name : name + SUFFIX + generation;
    }

    private record Cached(long generation, long readAtNanos) {
    }
}
