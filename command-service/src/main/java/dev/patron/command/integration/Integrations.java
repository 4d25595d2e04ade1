package dev.patron.command.integration;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.pull;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The integrations, one document each in {@value #COLLECTION} ({@code _id} = integration id, {@code version} for
 * optimistic updates), and one registry document listing their ids under a version that every change raises. The
 * registry is what the delivery side reads for every observable event: one {@code _id} lookup, and the integrations
 * themselves (a {@code $in} on their ids) only when it has changed, so following the log costs no collection scan
 * and a new integration is seen by the very next event, whichever instance created it.
 */
@Component
class Integrations {

    static final String COLLECTION = "integrations";
    static final String REGISTRY = "integration_registry";
    private static final String REGISTRY_ID = "integrations";

    private final MongoCollection<Document> integrations;
    private final MongoCollection<Document> registry;
    private volatile Snapshot snapshot = new Snapshot(-1, List.of());

    Integrations(MongoDatabase database) {
        this.integrations = database.getCollection(COLLECTION);
        this.registry = database.getCollection(REGISTRY);
    }

    private record Snapshot(long version, List<Integration> integrations) {
    }

    void create(Integration integration) {
        integrations.insertOne(toDocument(integration));
        changed(addToSet("ids", integration.id()));
    }

    Optional<Integration> find(String id) {
        return Optional.ofNullable(integrations.find(eq("_id", id)).first()).map(Integrations::fromDocument);
    }

    /** Every integration, oldest first. */
    List<Integration> all() {
        Document listed = registry.find(eq("_id", REGISTRY_ID)).first();
        List<String> ids = listed == null ? List.of() : listed.getList("ids", String.class, List.of());
        List<Integration> found = new ArrayList<>();
        if (!ids.isEmpty()) {
            integrations.find(in("_id", ids)).forEach(document -> found.add(fromDocument(document)));
        }
        found.sort(Comparator.comparing(Integration::createdAt).thenComparing(Integration::id));
        return found;
    }

    /**
     * The integrations as of the registry's version now: the cached list while nothing changed. Back-office writes
     * only, so the filter on {@code _id} and {@code version} (which the embedded server answers by a scan of this
     * small collection) is off every hot path.
     */
    List<Integration> current() {
        Document listed = registry.find(eq("_id", REGISTRY_ID)).first();
        long version = listed == null ? 0 : ((Number) listed.get("version")).longValue();
        Snapshot cached = snapshot;
        if (cached.version() == version) {
            return cached.integrations();
        }
        List<Integration> loaded = version == 0 ? List.of() : all();
        snapshot = new Snapshot(version, loaded);
        return loaded;
    }

    /** Stores {@code changed} if it is still at {@code expectedVersion}; false when someone changed it in between. */
    boolean replace(Integration changed, long expectedVersion) {
        boolean replaced = integrations.replaceOne(and(eq("_id", changed.id()), eq("version", expectedVersion)),
                toDocument(changed)).getModifiedCount() == 1;
        if (replaced) {
            changed(null);
        }
        return replaced;
    }

    boolean delete(String id) {
        boolean deleted = integrations.deleteOne(eq("_id", id)).getDeletedCount() == 1;
        if (deleted) {
            changed(pull("ids", id));
        }
        return deleted;
    }

    /** Raises the registry's version, applying {@code update} (of its list of ids) with it when there is one. */
    private void changed(Bson update) {
        Bson raised = inc("version", 1L);
        registry.updateOne(eq("_id", REGISTRY_ID), update == null ? raised : combine(update, raised),
                new UpdateOptions().upsert(true));
    }

    private static Document toDocument(Integration integration) {
        return new Document("_id", integration.id())
                .append("name", integration.name())
                .append("description", integration.description())
                .append("enabled", integration.enabled())
                .append("observes", integration.observes())
                .append("url", integration.url())
                .append("secret", integration.secret())
                .append("created_at", Date.from(integration.createdAt()))
                .append("updated_at", Date.from(integration.updatedAt()))
                .append("version", integration.version());
    }

    private static Integration fromDocument(Document document) {
        return new Integration(document.getString("_id"), document.getString("name"), document.getString("description"),
                document.getBoolean("enabled"), List.copyOf(document.getList("observes", String.class)),
                document.getString("url"), document.getString("secret"),
                document.getDate("created_at").toInstant(), document.getDate("updated_at").toInstant(),
                ((Number) document.get("version")).longValue());
    }
}
