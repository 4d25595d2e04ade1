package dev.patron.eventstore.privacy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The keys under which personal values are looked up: an email address (who holds it, which customers and orders have
 * it), an external reference, a single sign-on identity. A lookup's {@code _id} is {@code k1:} and the HMAC-SHA256 of
 * the (normalised) value under a secret of the deployment, never the value itself, because a storage engine keeps
 * keys where deleting a document does not reach: a B-tree's inner pages keep the keys of deleted entries as
 * separators (the embedded server's H2 store does; compaction copies such pages as they are), and a real MongoDB's
 * oplog records every delete by its {@code _id}. Equality lookups need nothing else; whoever holds the secret can
 * only test a guessed value.
 * <p>
 * The secret is a data key of its own ({@value #SECRET_SUBJECT}, created by the first process that needs it), so it
 * is wrapped under the master key like every other and survives a master key rotation unchanged.
 * <p>
 * Entries an earlier Patron stored under the value itself are moved once per collection
 * ({@link #moveEntriesStoredUnderValues}); {@value #MIGRATIONS} records which collections are done, so later starts
 * look that up instead of reading the collection.
 */
public class LookupKeys {

    static final String SECRET_SUBJECT = "patron:lookup-key";
    static final String MIGRATIONS = "patron_migrations";
    private static final String MOVED_PREFIX = "lookup-keys:";
    static final String PREFIX = "k1:";
    /** Just above every id with the prefix: {@code ';'} follows {@code ':'}. */
    private static final String ABOVE_PREFIX = "k1;";
    private static final String MAC = "HmacSHA256";

    private final DataKeyStore keys;
    private final MongoCollection<Document> migrations;
    private volatile SecretKey secret;

    public LookupKeys(DataKeyStore keys, MongoDatabase database) {
        this.keys = keys;
        this.migrations = database.getCollection(MIGRATIONS);
    }

    /** The lookup key of a value, which the caller has normalised (lower-cased, trimmed) as its lookup requires. */
    public String of(String value) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(secret());
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code id} is a lookup key rather than a value an earlier Patron stored as is. */
    public static boolean isLookupKey(String id) {
        return id.startsWith(PREFIX);
    }

    /**
     * Moves the entries an earlier Patron stored under the value itself to its lookup key (a copy, then the old entry
     * deleted), so that they are found again and the value leaves the index; an entry already under its lookup key
     * (another instance moved it first) keeps what it holds. Once done for a collection it is recorded, and later
     * calls cost one {@code _id} lookup; a run that stopped midway is run again, which finds what is left.
     *
     * @return how many entries were moved
     */
    public int moveEntriesStoredUnderValues(MongoCollection<Document> lookup) {
        String done = MOVED_PREFIX + lookup.getNamespace().getCollectionName();
        if (migrations.find(Filters.eq("_id", done)).first() != null) {
            return 0;
        }
        List<Document> stored = lookup.find(Filters.or(Filters.lt("_id", PREFIX), Filters.gte("_id", ABOVE_PREFIX)))
                .into(new ArrayList<>());
        for (Document entry : stored) {
            Object value = entry.get("_id");
            try {
                lookup.insertOne(new Document(entry).append("_id", of(value.toString())));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            lookup.deleteOne(Filters.eq("_id", value));
        }
        migrations.replaceOne(Filters.eq("_id", done), new Document("_id", done), new ReplaceOptions().upsert(true));
        return stored.size();
    }

    private SecretKey secret() {
        SecretKey known = secret;
        if (known == null) {
            known = keys.keyForWriting(SECRET_SUBJECT)
                    .orElseThrow(() -> new IllegalStateException("The lookup secret was destroyed"));
            secret = known;
        }
        return known;
    }
}
