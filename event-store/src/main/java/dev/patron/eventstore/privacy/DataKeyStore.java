package dev.patron.eventstore.privacy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.patron.eventstore.UniqueInserts;
import dev.patron.eventstore.privacy.MasterKeys.WrappedKey;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AES-256 data key per data subject (customer), kept in its own collection so that it can be destroyed
 * without touching the append-only event log ("crypto-shredding"). Destroying a key leaves a tombstone, so that
 * nothing written about that subject afterwards can silently get a fresh key and become readable again.
 * <p>
 * Keys are cached briefly: the process that destroys a key evicts it at once, other processes (the query side)
 * stop using it within {@code cacheTtl}.
 * <p>
 * A subject's key can be kept under another subject's key ({@link #createKeyUnder}): an order's key under its
 * customer's. It is stored wrapped (AES key wrap, RFC 3394) by that key, so destroying either key erases the
 * subject: the order alone on request, or with everything else of the customer when the customer is erased.
 * <p>
 * Every other key is stored wrapped under a master key held outside MongoDB ({@link MasterKeys}), with that key's id:
 * {@code {_id, wrappedKey, masterKeyId}}, so a copy of the database alone reads no personal data. Keys stored by an
 * earlier Patron in clear ({@code {_id, key}}) still read, and {@link #rewrap()} wraps them, as it re-wraps keys
 * wrapped under a master key that is no longer the active one.
 */
public class DataKeyStore {

    public static final String COLLECTION = "data_keys";
    private static final String KEY_FIELD = "key";
    private static final String WRAPPED_KEY_FIELD = "wrappedKey";
    private static final String WRAPPED_UNDER_FIELD = "wrappedUnder";
    private static final String MASTER_KEY_ID_FIELD = "masterKeyId";
    private static final String DESTROYED_AT_FIELD = "destroyedAt";
    /** A document (not a subject) recording the master key every key was last found wrapped under. */
    public static final String REWRAP_STATE_ID = "patron:rewrapped";
    private static final String ALL_WRAPPED_UNDER_FIELD = "allWrappedUnder";
    private static final int MAX_CACHED_KEYS = 10_000;
    private static final String KEY_WRAP = "AESWrap";

    private final MongoCollection<Document> keys;
    private final MasterKeys masterKeys;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<String, CachedKey> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedKey> eldest) {
            return size() > MAX_CACHED_KEYS;
        }
    };

    public DataKeyStore(MongoDatabase database, MasterKeys masterKeys, Duration cacheTtl, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.masterKeys = masterKeys;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
    }

    /** The subject's key, created on first use; empty once the subject's key was destroyed. */
    public Optional<SecretKey> keyForWriting(String subjectId) {
        return cached(subjectId).orElseGet(() -> {
            Document stored = keys.find(Filters.eq("_id", subjectId)).first();
            Optional<SecretKey> key = stored != null ? keyOf(stored) : Optional.of(createKey(subjectId));
            remember(subjectId, key, stored);
            return key;
        });
    }

    /**
     * Creates the keys of subjects that are new (a customer being created), in one insert, where
     * {@link #keyForWriting} would first look each one up. A subject that has a key already (a create retried after a
     * crash) keeps it, and one whose key was destroyed stays erased.
     */
    public void createKeys(Collection<String> subjectIds) {
        Map<String, SecretKey> fresh = new LinkedHashMap<>();
        subjectIds.forEach(subjectId -> fresh.put(subjectId, generateKey()));
        if (fresh.isEmpty()) {
            return;
        }
        List<Document> documents = fresh.entrySet().stream()
                .map(entry -> wrappedUnderMasterKey(entry.getKey(), entry.getValue()))
                .toList();
        List<String> existing = UniqueInserts.insertNew(keys, documents);
        existing.forEach(fresh::remove);
        if (!existing.isEmpty()) {
            // Another writer (or an earlier attempt) created these first: use what is stored, never two keys.
            keys.find(Filters.in("_id", existing)).forEach(this::rememberStored);
        }
        fresh.forEach((subjectId, key) -> remember(subjectId, Optional.of(key), null));
    }

    /**
     * Creates the key of a new subject that belongs to {@code ownerId} (an order to its customer), kept wrapped by the
     * owner's key so that erasing the owner erases it too. A subject that has a key already keeps it.
     *
     * @throws IllegalStateException when the owner has no key (never had one, or was erased): nothing new may be
     *                               written about an erased owner
     */
    public void createKeyUnder(String subjectId, String ownerId) {
        SecretKey ownerKey = keyForReading(ownerId)
                .orElseThrow(() -> new IllegalStateException("The owner of a new data key has no key"));
        SecretKey fresh = generateKey();
        Document document = new Document("_id", subjectId)
                .append(WRAPPED_KEY_FIELD, new Binary(wrap(ownerKey, fresh)))
                .append(WRAPPED_UNDER_FIELD, ownerId);
        if (UniqueInserts.insertNew(keys, List.of(document)).isEmpty()) {
            remember(subjectId, Optional.of(fresh), document);
        } else {
            rememberStored(keys.find(Filters.eq("_id", subjectId)).first());
        }
    }

    /**
     * Loads the keys of many subjects in one lookup, for a reader about to decrypt a batch of their events. Subjects
     * without a key (or ids that name no subject) are left for {@link #keyForReading} to look up again.
     */
    public void prefetchForReading(Collection<String> subjectIds) {
        List<String> missing = subjectIds.stream().distinct().filter(subjectId -> cached(subjectId).isEmpty()).toList();
        if (!missing.isEmpty()) {
            keys.find(Filters.in("_id", missing)).forEach(this::rememberStored);
        }
    }

    /** The subject's key if it exists and was not destroyed. Never creates one. */
    public Optional<SecretKey> keyForReading(String subjectId) {
        return cached(subjectId).orElseGet(() -> {
            Document stored = keys.find(Filters.eq("_id", subjectId)).first();
            Optional<SecretKey> key = stored != null ? keyOf(stored) : Optional.empty();
            if (stored != null) {
                remember(subjectId, key, stored);
            }
            return key;
        });
    }

    /** Erases the subject's personal data from every stored event, irreversibly. Idempotent. */
    public void destroy(String subjectId) {
        keys.replaceOne(Filters.eq("_id", subjectId),
                        new Document("_id", subjectId).append(DESTROYED_AT_FIELD, Date.from(clock.instant())),
                        new ReplaceOptions().upsert(true));
        synchronized (cache) {
            // Keys wrapped by this one are gone with it, here at once as in every other process within cacheTtl.
            cache.values().removeIf(entry -> subjectId.equals(entry.wrappedUnder()));
        }
        remember(subjectId, Optional.empty(), null);
    }

    /**
     * Wraps every key that is stored in clear (by an earlier Patron) or wrapped under a master key other than the
     * active one under the active one; run at start-up, it is how a new master key takes over without rewriting any
     * event. A key destroyed meanwhile stays destroyed. Skipped entirely when the last complete run was under the
     * active master key, since every key created since is wrapped under it.
     *
     * @return how many keys were wrapped, or nothing when there was nothing to do
     */
    public Rewrapped rewrap() {
        String active = masterKeys.activeKeyId();
        Document state = keys.find(Filters.eq("_id", REWRAP_STATE_ID)).first();
        if (state != null && active.equals(state.getString(ALL_WRAPPED_UNDER_FIELD))) {
            return new Rewrapped(0, 0);
        }
        int inClear = 0;
        int underOtherKeys = 0;
        Bson toWrap = Filters.or(Filters.exists(KEY_FIELD),
                Filters.and(Filters.exists(MASTER_KEY_ID_FIELD), Filters.ne(MASTER_KEY_ID_FIELD, active)),
                Filters.and(Filters.exists(DESTROYED_AT_FIELD), Filters.exists(WRAPPED_KEY_FIELD)));
        for (Document stored : keys.find(toWrap)) {
            String subjectId = stored.getString("_id");
            if (stored.containsKey(DESTROYED_AT_FIELD)) {
                dropKeyMaterial(subjectId);
                continue;
            }
            SecretKey key = keyOf(stored).orElseThrow();
            WrappedKey wrapped = masterKeys.wrap(key);
            Document now = keys.findOneAndUpdate(Filters.eq("_id", subjectId),
                    Updates.combine(Updates.set(WRAPPED_KEY_FIELD, new Binary(wrapped.bytes())),
                            Updates.set(MASTER_KEY_ID_FIELD, wrapped.masterKeyId()), Updates.unset(KEY_FIELD)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (now != null && now.containsKey(DESTROYED_AT_FIELD)) {
                // Destroyed between the read and the update, which gave the tombstone key material again: take it off.
                dropKeyMaterial(subjectId);
            } else if (stored.containsKey(KEY_FIELD)) {
                inClear++;
            } else {
                underOtherKeys++;
            }
        }
        keys.replaceOne(Filters.eq("_id", REWRAP_STATE_ID),
                new Document("_id", REWRAP_STATE_ID).append(ALL_WRAPPED_UNDER_FIELD, active),
                new ReplaceOptions().upsert(true));
        return new Rewrapped(inClear, underOtherKeys);
    }

    /**
     * What {@link #rewrap()} did.
     *
     * @param wereInClear      keys an earlier Patron stored unwrapped, now wrapped
     * @param wereUnderOldKeys keys wrapped under another master key, now under the active one
     */
    public record Rewrapped(int wereInClear, int wereUnderOldKeys) {
    }

    private void dropKeyMaterial(String subjectId) {
        keys.updateOne(Filters.eq("_id", subjectId),
                Updates.combine(Updates.unset(KEY_FIELD), Updates.unset(WRAPPED_KEY_FIELD), Updates.unset(MASTER_KEY_ID_FIELD)));
    }

    private Document wrappedUnderMasterKey(String subjectId, SecretKey key) {
        WrappedKey wrapped = masterKeys.wrap(key);
        return new Document("_id", subjectId)
                .append(WRAPPED_KEY_FIELD, new Binary(wrapped.bytes()))
                .append(MASTER_KEY_ID_FIELD, wrapped.masterKeyId());
    }

    private SecretKey createKey(String subjectId) {
        SecretKey fresh = generateKey();
        try {
            keys.insertOne(wrappedUnderMasterKey(subjectId, fresh));
            return fresh;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another writer created the key first: use theirs, never two keys for one subject.
            Document winner = keys.find(Filters.eq("_id", subjectId)).first();
            return keyOf(winner).orElseThrow(() -> new IllegalStateException("Data key of subject was destroyed"));
        }
    }

    /**
     * The key a stored document holds: unwrapped by the master key or its owner's key (or in clear, as an earlier
     * Patron stored it), or none once it or its owner's was destroyed.
     */
    private Optional<SecretKey> keyOf(Document stored) {
        if (stored.containsKey(DESTROYED_AT_FIELD)) {
            return Optional.empty();
        }
        Binary raw = stored.get(KEY_FIELD, Binary.class);
        if (raw != null) {
            return Optional.of(new SecretKeySpec(raw.getData(), "AES"));
        }
        Binary wrapped = stored.get(WRAPPED_KEY_FIELD, Binary.class);
        if (wrapped == null) {
            return Optional.empty();
        }
        String masterKeyId = stored.getString(MASTER_KEY_ID_FIELD);
        if (masterKeyId != null) {
            return Optional.of(masterKeys.unwrap(new WrappedKey(masterKeyId, wrapped.getData())));
        }
        return keyForReading(stored.getString(WRAPPED_UNDER_FIELD)).map(ownerKey -> unwrap(ownerKey, wrapped.getData()));
    }

    private void rememberStored(Document stored) {
        remember(stored.getString("_id"), keyOf(stored), stored);
    }

    private static byte[] wrap(SecretKey ownerKey, SecretKey key) {
        try {
            Cipher cipher = Cipher.getInstance(KEY_WRAP);
            cipher.init(Cipher.WRAP_MODE, ownerKey);
            return cipher.wrap(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key wrap is part of every JDK", e);
        }
    }

    private static SecretKey unwrap(SecretKey ownerKey, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance(KEY_WRAP);
            cipher.init(Cipher.UNWRAP_MODE, ownerKey);
            return (SecretKey) cipher.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A wrapped data key does not unwrap with its owner's key", e);
        }
    }

    private static SecretKey generateKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
    }

    private Optional<Optional<SecretKey>> cached(String subjectId) {
        synchronized (cache) {
            CachedKey entry = cache.get(subjectId);
            if (entry == null || entry.loadedAt().plus(cacheTtl).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(entry.key());
        }
    }

    /** @param stored the subject's stored document, which tells whose key wraps it; {@code null} for none */
    private void remember(String subjectId, Optional<SecretKey> key, Document stored) {
        String wrappedUnder = stored == null ? null : stored.getString(WRAPPED_UNDER_FIELD);
        synchronized (cache) {
            cache.put(subjectId, new CachedKey(key, clock.instant(), wrappedUnder));
        }
    }

    private record CachedKey(Optional<SecretKey> key, java.time.Instant loadedAt, String wrappedUnder) {
    }
}
