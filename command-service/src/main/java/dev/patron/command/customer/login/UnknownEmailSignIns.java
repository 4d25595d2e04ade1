package dev.patron.command.customer.login;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import dev.patron.command.customer.EmailAddresses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Failed password sign-ins for email addresses no customer holds, counted and locked out by the same
 * {@link SignInLockout} as a customer's own (in their events), so that being locked out does not tell an attacker
 * that an address belongs to a customer. One entry per address in {@value #COLLECTION}, found by {@code _id}: the
 * SHA-256 of the normalised address, which is not itself stored.
 */
@Component
class UnknownEmailSignIns {

    static final String COLLECTION = "unknown_email_sign_ins";
    private static final String FAILURES = "failures";
    private static final String LAST_FAILURE_AT = "last_failure_at";
    private static final String LOCKED_UNTIL = "locked_until";
    private static final String FORGOTTEN_AT = "forgotten_at";

    private final MongoCollection<Document> signIns;
    private final SignInLockout lockout;

    UnknownEmailSignIns(MongoDatabase database, SignInLockout lockout) {
        this.signIns = database.getCollection(COLLECTION);
        this.lockout = lockout;
        // MongoDB removes an entry once its failures are forgotten. A server without TTL indexes keeps it, and the
        // stale entry is replaced by the next failure for that address (see recordFailure).
        signIns.createIndex(Indexes.ascending(FORGOTTEN_AT), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    Optional<Instant> lockedUntil(String email, Instant now) {
        Document entry = signIns.find(eq("_id", key(email))).first();
        Date until = entry == null ? null : entry.getDate(LOCKED_UNTIL);
        return until != null && now.isBefore(until.toInstant()) ? Optional.of(until.toInstant()) : Optional.empty();
    }

    /** Counts with {@code $inc}, so that failures arriving together at several instances are all counted. */
    void recordFailure(String email, Instant now) {
        String key = key(email);
        Document entry = signIns.find(eq("_id", key)).first();
        if (entry != null && lockout.isForgotten(entry.getDate(LAST_FAILURE_AT).toInstant(), now)) {
            signIns.deleteOne(and(eq("_id", key), eq(LAST_FAILURE_AT, entry.getDate(LAST_FAILURE_AT))));
        }
        Document counted = signIns.findOneAndUpdate(eq("_id", key),
                combine(inc(FAILURES, 1), set(LAST_FAILURE_AT, Date.from(now)),
                        set(FORGOTTEN_AT, Date.from(now.plus(lockout.failureMemory())))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        lockout.lockoutAfter(counted.getInteger(FAILURES)).ifPresent(duration -> signIns.updateOne(eq("_id", key),
                set(LOCKED_UNTIL, Date.from(now.plusSeconds(duration.toSeconds())))));
    }

    private static String key(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(EmailAddresses.normalise(email).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException requiredByEveryJava) {
            throw new IllegalStateException(requiredByEveryJava);
        }
    }
}
