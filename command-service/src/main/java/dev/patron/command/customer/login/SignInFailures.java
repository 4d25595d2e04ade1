package dev.patron.command.customer.login;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import dev.patron.command.customer.EmailAddresses;
import dev.patron.eventstore.privacy.LookupKeys;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Failed password sign-ins, counted per email address and source and per address ({@link SignInLockout}), in
 * {@value #COLLECTION}: one entry per count, found by {@code _id}, the lookup key ({@link LookupKeys}: a keyed hash) of
 * what it counts (the normalised address, with the source for a source's count), neither of which is stored: an
 * unkeyed hash of an address is found again by hashing guessed addresses.
 * <p>
 * Counted by address, not by customer, and looked at before anything else about the address, so that counting and
 * refusing cost the same whether or not a customer holds it: a lockout is found with one lookup of both entries and
 * refused without another, and a counted failure is the same two updates for every address.
 * <p>
 * An attempt is counted {@link #reserve before} its password is looked at and given back if the password was right:
 * guesses sent together all pass the first look, but each is counted before any is compared, so those beyond a limit
 * are refused unchecked, at several instances too ({@code $inc} on the shared entries).
 */
@Component
public class SignInFailures {

    static final String COLLECTION = "sign_in_failures";
    private static final String FAILURES = "failures";
    private static final String LAST_FAILURE_AT = "last_failure_at";
    private static final String FORGOTTEN_AT = "forgotten_at";
    /** On an address's entry: when a new password was set, which ends every count of the address up to then. */
    private static final String FORGIVEN_AT = "forgiven_at";

    private final MongoCollection<Document> entries;
    private final SignInLockout lockout;
    private final LookupKeys lookupKeys;

    SignInFailures(MongoDatabase database, SignInLockout lockout, LookupKeys lookupKeys) {
        this.entries = database.getCollection(COLLECTION);
        this.lockout = lockout;
        this.lookupKeys = lookupKeys;
        // MongoDB removes an entry once its failures are forgotten. A server without TTL indexes keeps it, and a
        // forgotten entry counts from nothing again (see Count).
        entries.createIndex(Indexes.ascending(FORGOTTEN_AT), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /** One sign-in's place in the counts of its address, as found before its password is looked at. */
    final class Attempt {

        private final Count account;
        private final Count source;
        private final Instant at;

        private Attempt(Count account, Count source, Instant at) {
            this.account = account;
            this.source = source;
            this.at = at;
        }

        /** Until when the address is locked out for this source, by its own failures or by all of the address's. */
        Optional<Instant> lockedUntil() {
            return latest(account.lockedUntil(lockout.maxAccountFailures(), at),
                    source.lockedUntil(lockout.maxConsecutiveFailures(), at));
        }
    }

    /** The counts of {@code email} and of it from {@code source} at {@code now}: one lookup of both entries. */
    Attempt find(String email, SignInSource source, Instant now) {
        String normalised = EmailAddresses.normalise(email);
        String accountKey = key("address", normalised);
        String sourceKey = key("source", normalised, source.value());
        Map<String, Document> found = new HashMap<>();
        entries.find(in("_id", List.of(accountKey, sourceKey)))
                .forEach(entry -> found.put(entry.getString("_id"), entry));
        Document accountEntry = found.get(accountKey);
        Instant forgivenAt = accountEntry == null || accountEntry.getDate(FORGIVEN_AT) == null ? null
                : accountEntry.getDate(FORGIVEN_AT).toInstant();
        return new Attempt(new Count(accountKey, accountEntry, null, now),
                new Count(sourceKey, found.get(sourceKey), forgivenAt, now), now);
    }

    /**
     * Counts the attempt as a failure of the address and of its source, before its password is looked at.
     *
     * @return the lockout that attempts counted since {@link #find} have started, if any: this attempt is then
     *         refused unchecked, and not counted
     */
    Optional<Instant> reserve(Attempt attempt) {
        int accountFailures = attempt.account.countOneMore(attempt.at);
        int sourceFailures = attempt.source.countOneMore(attempt.at);
        Optional<Instant> startedMeanwhile = latest(
                attempt.account.lockoutStartedBefore(accountFailures, lockout.maxAccountFailures(), attempt.at),
                attempt.source.lockoutStartedBefore(sourceFailures, lockout.maxConsecutiveFailures(), attempt.at));
        if (startedMeanwhile.isPresent()) {
            giveBack(attempt.account);
            giveBack(attempt.source);
        }
        return startedMeanwhile;
    }

    /**
     * The attempt's password was right: it was no failure, so the address's count is given back its one, and the
     * source's run of failures ends (a shopper who mistyped from here and then got it right starts afresh here). The
     * address's count keeps the other failures: the owner signing in does not give a guesser elsewhere more guesses.
     */
    void succeeded(Attempt attempt) {
        giveBack(attempt.account);
        entries.deleteOne(eq("_id", attempt.source.key));
    }

    /**
     * A new password was set for the customer holding {@code email}: every failure counted for the address so far,
     * from every source, no longer counts, since it was a guess at the old one. This is how the back office lets a
     * locked-out customer in.
     */
    public void forgive(String email, Instant now) {
        entries.updateOne(eq("_id", key("address", EmailAddresses.normalise(email))),
                combine(set(FAILURES, 0), set(FORGIVEN_AT, Date.from(now)),
                        set(FORGOTTEN_AT, Date.from(now.plus(lockout.failureMemory())))),
                new UpdateOptions().upsert(true));
    }

    private void giveBack(Count count) {
        entries.updateOne(eq("_id", count.key), inc(FAILURES, -1));
    }

    /**
     * One entry's failures as found at {@code now}: nothing if there is no entry, if its failures are forgotten, or
     * (for a source) if they were made before the address was forgiven.
     */
    private final class Count {

        private final String key;
        private final int failures;
        private final Instant lastFailureAt;
        private final boolean stale;

        Count(String key, Document entry, Instant forgivenAt, Instant now) {
            this.key = key;
            Instant last = entry == null || entry.getDate(LAST_FAILURE_AT) == null ? null
                    : entry.getDate(LAST_FAILURE_AT).toInstant();
            this.stale = last != null && (lockout.isForgotten(last, now)
                    || (forgivenAt != null && !last.isAfter(forgivenAt)));
            this.failures = last == null || stale ? 0 : Math.max(0, entry.getInteger(FAILURES, 0));
            this.lastFailureAt = last;
        }

        /** Until when these failures lock out, given the limit they count against. */
        Optional<Instant> lockedUntil(int limit, Instant now) {
            return lockout.lockoutAfter(failures, limit).map(duration -> lastFailureAt.plus(duration))
                    .filter(now::isBefore);
        }

        /**
         * One more failure, counted with {@code $inc} so that failures arriving together at several instances are all
         * counted; a stale entry starts again from this one. Returns the count after it.
         */
        int countOneMore(Instant now) {
            Bson counted = stale ? set(FAILURES, 1) : inc(FAILURES, 1);
            Bson update = combine(counted, set(LAST_FAILURE_AT, Date.from(now)),
                    set(FORGOTTEN_AT, Date.from(now.plus(lockout.failureMemory()))));
            FindOneAndUpdateOptions upsert = new FindOneAndUpdateOptions().upsert(true)
                    .returnDocument(ReturnDocument.AFTER);
            try {
                return entries.findOneAndUpdate(eq("_id", key), update, upsert).getInteger(FAILURES);
            } catch (MongoException lostTheRaceToCreateIt) {
                if (ErrorCategory.fromErrorCode(lostTheRaceToCreateIt.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw lostTheRaceToCreateIt;
                }
                // Another attempt created the entry between this one's look and its insert: it is there now.
                return entries.findOneAndUpdate(eq("_id", key), update, upsert).getInteger(FAILURES);
            }
        }

        /**
         * The lockout that failures counted by others between the lookup and {@code counted} (this attempt's count)
         * have started, if any: one of them reached the limit, so this attempt comes after a lockout began.
         */
        Optional<Instant> lockoutStartedBefore(int counted, int limit, Instant now) {
            int before = counted - 1;
            boolean othersCountedMeanwhile = before > failures;
            return othersCountedMeanwhile ? lockout.lockoutAfter(before, limit).map(now::plus) : Optional.empty();
        }
    }

    @SafeVarargs
    private static Optional<Instant> latest(Optional<Instant>... lockouts) {
        return Stream.of(lockouts).flatMap(Optional::stream).max(Instant::compareTo);
    }

    private String key(String... parts) {
        return lookupKeys.of(String.join("\n", parts));
    }
}
