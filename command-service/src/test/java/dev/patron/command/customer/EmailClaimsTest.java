package dev.patron.command.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import dev.patron.command.customer.EmailClaims.Claim;
import dev.patron.eventstore.privacy.LookupKeys;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.eventstore.testing.TestKeys;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EmailClaims} against the in-memory MongoDB over the real driver: one customer per address (also under 16
 * simultaneous claims), holders recognised, releases only by the holder, and the import's claims of many addresses
 * in one insert, telling free addresses from held ones and imported holders from others.
 * <p>
 * Every command the claims send is recorded by a {@link CommandListener}: after each test, every find and delete on
 * the claims must filter on {@code _id} and no other field. That is what the class was rewritten for: the embedded
 * server answers a filter naming {@code _id} alone from its index, but scans the whole collection (under its write
 * lock) when the filter names {@code _id} and another field, e.g. the holder.
 */
class EmailClaimsTest {

    private static final List<BsonDocument> commands = new CopyOnWriteArrayList<>();
    /** Run once right after the next insert into the claims has been answered, to interleave another writer. */
    private static final AtomicReference<Runnable> afterNextInsert = new AtomicReference<>();
    /** The claims' own connection, whose commands are recorded. */
    private static MongoClient client;
    /** The test's connection for looking at what is stored, unrecorded. */
    private static MongoClient inspector;

    private MongoDatabase database;
    private MongoCollection<Document> stored;
    private EmailClaims claims;
    private LookupKeys lookupKeys;

    @BeforeAll
    static void connect() {
        CommandListener recorder = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                // The event's document may be a view of a pooled buffer: keep a copy.
                commands.add(event.getCommand().clone());
            }

            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                if (event.getCommandName().equals("insert")) {
                    Runnable interleaved = afterNextInsert.getAndSet(null);
                    if (interleaved != null) {
                        interleaved.run();
                    }
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(InMemoryMongo.connectionString()))
                .addCommandListener(recorder)
                .build());
        inspector = MongoClients.create(InMemoryMongo.connectionString());
    }

    @AfterAll
    static void disconnect() {
        client.close();
        inspector.close();
    }

    /** A database of each test's own, so that no test sees another's claims. */
    @BeforeEach
    void freshDatabase() {
        String name = "email-claims-" + UUID.randomUUID();
        database = inspector.getDatabase(name);
        stored = database.getCollection(EmailClaims.COLLECTION);
        lookupKeys = TestKeys.lookupKeysIn(client.getDatabase(name));
        claims = new EmailClaims(client.getDatabase(name), lookupKeys);
        lookupKeys.of("the secret is read once per process, not in the claims' calls");
        commands.clear();
        afterNextInsert.set(null);
    }

    @AfterEach
    void everyLookupAndDeleteFilteredOnTheIdAlone() {
        List<BsonDocument> filters = claimFilters();
        assertThat(filters).allSatisfy(filter -> assertThat(filter.keySet())
                .as("filter %s", filter.toJson()).containsExactly("_id"));
        database.drop();
    }

    @Test
    void aClaimHasAHolderUntilItIsReleased() {
        String customer = newId();

        assertThat(claims.claim("Ron@Swanson.com", customer)).isTrue();
        assertThat(claims.holder("ron@swanson.com")).hasValue(customer);
        assertThat(claims.holder(" RON@SWANSON.COM ")).as("any case, any surrounding space").hasValue(customer);
        Document claim = stored.find().first();
        assertThat(claim.getString("_id")).as("the address's lookup key, not the address").isEqualTo(key("ron@swanson.com"));
        assertThat(claim.getString(EmailClaims.CUSTOMER_ID)).isEqualTo(customer);
        assertThat(claim.get(EmailClaims.CLAIMED_AT)).isInstanceOf(Date.class);
        assertThat(claim.containsKey(EmailClaims.IMPORTED)).as("not made by an import").isFalse();

        claims.release("RON@swanson.com", customer);

        assertThat(claims.holder("ron@swanson.com")).isEmpty();
        assertThat(stored.countDocuments()).isZero();
    }

    @Test
    void anAddressHeldByOneCustomerIsRefusedToAnother() {
        String ron = newId();
        claims.claim("ron@swanson.com", ron);

        assertThatThrownBy(() -> claims.claim("Ron@Swanson.COM", newId()))
                .isInstanceOf(EmailClaims.EmailTakenException.class)
                .hasMessageNotContaining("swanson");
        assertThat(claims.holder("ron@swanson.com")).hasValue(ron);
        assertThat(stored.countDocuments()).isEqualTo(1);
    }

    @Test
    void claimingAgainByTheHolderMakesNoNewClaim() {
        String ron = newId();
        assertThat(claims.claim("ron@swanson.com", ron)).isTrue();

        assertThat(claims.claim("RON@swanson.com", ron)).isFalse();
        assertThat(claims.holder("ron@swanson.com")).hasValue(ron);
        assertThat(stored.countDocuments()).isEqualTo(1);
    }

    @Test
    void aReleaseByAnotherCustomerLeavesTheClaim() {
        String ron = newId();
        claims.claim("ron@swanson.com", ron);

        claims.release("ron@swanson.com", newId());

        assertThat(claims.holder("ron@swanson.com")).hasValue(ron);
        assertThat(deletes()).as("nothing deleted").isEmpty();
    }

    @Test
    void aReleaseOfAnUnclaimedAddressChangesNothing() {
        claims.claim("tammy@swanson.com", newId());

        claims.release("ron@swanson.com", newId());

        assertThat(stored.countDocuments()).isEqualTo(1);
        assertThat(deletes()).isEmpty();
    }

    @Test
    void ofSixteenSimultaneousClaimsOfOneAddressExactlyOneWins() throws Exception {
        int contenders = 16;
        List<String> customers = IntStream.range(0, contenders).mapToObj(i -> newId()).toList();
        ExecutorService threads = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> attempts = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String customer = customers.get(i);
                String address = i % 2 == 0 ? "ron@swanson.com" : "RON@Swanson.com";
                Callable<String> attempt = () -> {
                    start.await();
                    try {
                        return claims.claim(address, customer) ? "won" : "held already";
                    } catch (EmailClaims.EmailTakenException taken) {
                        return "taken";
                    }
                };
                attempts.add(threads.submit(attempt));
            }
            start.countDown();

            List<String> outcomes = new ArrayList<>();
            for (Future<String> attempt : attempts) {
                outcomes.add(attempt.get());
            }
            assertThat(outcomes).containsOnly("won", "taken").containsOnlyOnce("won");
            String winner = customers.get(outcomes.indexOf("won"));
            assertThat(claims.holder("ron@swanson.com")).hasValue(winner);
            assertThat(stored.countDocuments()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anImportClaimsFreeAddressesInOneInsertAndNamesTheHoldersOfTheOthers() {
        String signedUp = newId();
        claims.claim("april@ludgate.com", signedUp);
        String importedEarlier = newId();
        claims.claimForImport(Map.of("andy@dwyer.com", importedEarlier));
        commands.clear();

        Map<String, String> wanted = new LinkedHashMap<>();
        String ron = newId();
        String leslie = newId();
        wanted.put("ron@swanson.com", ron);
        wanted.put("april@ludgate.com", newId());
        wanted.put("leslie@knope.com", leslie);
        wanted.put("andy@dwyer.com", newId());

        Map<String, Claim> outcome = claims.claimForImport(wanted);

        assertThat(outcome).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ron@swanson.com", new Claim(ron, true, true),
                "april@ludgate.com", new Claim(signedUp, false, false),
                "leslie@knope.com", new Claim(leslie, true, true),
                "andy@dwyer.com", new Claim(importedEarlier, false, true)));
        List<BsonDocument> inserts = commandsNamed("insert");
        assertThat(inserts).as("one insert for all four addresses").singleElement()
                .satisfies(insert -> assertThat(insert.getArray("documents")).hasSize(4));
        assertThat(commandsNamed("find")).as("one lookup of the two held addresses").singleElement()
                .satisfies(find -> assertThat(find.getDocument("filter").getDocument("_id").getArray("$in"))
                        .extracting(value -> value.asString().getValue())
                        .containsExactlyInAnyOrder(key("april@ludgate.com"), key("andy@dwyer.com")));
        assertThat(stored.find(new Document("_id", key("ron@swanson.com"))).first())
                .containsEntry(EmailClaims.CUSTOMER_ID, ron).containsEntry(EmailClaims.IMPORTED, true);
        assertThat(claims.holder("april@ludgate.com")).as("a held claim is left as it was").hasValue(signedUp);
        assertThat(stored.find(new Document("_id", key("april@ludgate.com"))).first())
                .doesNotContainKey(EmailClaims.IMPORTED);
        assertThat(claims.holder("andy@dwyer.com")).hasValue(importedEarlier);
        assertThat(stored.countDocuments()).isEqualTo(4);
    }

    /**
     * The holder of an address gives it up between the import's insert (refused: held) and its look at who holds it.
     * The address is free then: the import claims it, rather than reporting a claim it does not hold (whose
     * customer would then be created with nothing keeping their address unique).
     */
    @Test
    void anAddressReleasedWhileAnImportLooksAtItIsClaimedByTheImport() {
        claims.claim("ron@swanson.com", newId());
        afterNextInsert.set(() -> stored.deleteOne(new Document("_id", key("ron@swanson.com"))));
        String imported = newId();

        Claim claim = claims.claimForImport(Map.of("ron@swanson.com", imported)).get("ron@swanson.com");

        assertThat(claim).isEqualTo(new Claim(imported, true, true));
        assertThat(stored.find(new Document("_id", key("ron@swanson.com"))).first()).as("the claim reported is stored")
                .isNotNull().containsEntry(EmailClaims.CUSTOMER_ID, imported).containsEntry(EmailClaims.IMPORTED, true);
    }

    @Test
    void anImportOfFreeAddressesOnlySendsOneInsert() {
        String ron = newId();

        Map<String, Claim> outcome = claims.claimForImport(Map.of("ron@swanson.com", ron));

        assertThat(outcome).containsExactly(Map.entry("ron@swanson.com", new Claim(ron, true, true)));
        assertThat(commands).extracting(EmailClaimsTest::name).containsExactly("insert");
    }

    @Test
    void anImportOfNoAddressesSendsNothing() {
        assertThat(claims.claimForImport(Map.of())).isEmpty();
        assertThat(commands).isEmpty();
    }

    @Test
    void anAddressAnImportClaimedIsRefusedToASignUpAndReleasedOnlyByItsHolder() {
        String imported = newId();
        claims.claimForImport(Map.of("ron@swanson.com", imported));

        assertThatThrownBy(() -> claims.claim("Ron@Swanson.com", newId()))
                .isInstanceOf(EmailClaims.EmailTakenException.class);
        claims.release("ron@swanson.com", newId());
        assertThat(claims.holder("ron@swanson.com")).hasValue(imported);
        claims.release("ron@swanson.com", imported);
        assertThat(claims.holder("ron@swanson.com")).isEmpty();
    }

    /** Every way the class reads or deletes, so the check after the test sees each kind of filter it sends. */
    @Test
    void everyKindOfCallFiltersOnTheIdAlone() {
        String ron = newId();
        claims.claim("ron@swanson.com", ron);
        claims.claim("ron@swanson.com", ron);
        assertThatThrownBy(() -> claims.claim("ron@swanson.com", newId()))
                .isInstanceOf(EmailClaims.EmailTakenException.class);
        claims.holder("ron@swanson.com");
        claims.claimForImport(Map.of("ron@swanson.com", newId(), "leslie@knope.com", newId()));
        claims.release("ron@swanson.com", newId());
        claims.release("ron@swanson.com", ron);

        assertThat(claimFilters()).as("filters of finds and deletes").hasSizeGreaterThanOrEqualTo(6);
        assertThat(commandsNamed("delete")).hasSize(1);
    }

    /**
     * Claims an earlier Patron stored under the address itself are moved to the address's lookup key when the service
     * starts: found again, and the address is no longer stored.
     */
    @Test
    void claimsStoredUnderTheAddressItselfAreMovedToItsLookupKeyAtStart() {
        String name = "email-claims-earlier-" + UUID.randomUUID();
        MongoCollection<Document> earlier = inspector.getDatabase(name).getCollection(EmailClaims.COLLECTION);
        String ron = newId();
        earlier.insertOne(new Document("_id", "ron@swanson.com").append(EmailClaims.CUSTOMER_ID, ron)
                .append(EmailClaims.CLAIMED_AT, new Date()));
        LookupKeys keysOfEarlier = TestKeys.lookupKeysIn(client.getDatabase(name));

        EmailClaims started = new EmailClaims(client.getDatabase(name), keysOfEarlier);
        commands.clear();

        try {
            assertThat(started.holder("Ron@Swanson.com")).hasValue(ron);
            assertThat(earlier.find().into(new ArrayList<>())).singleElement().satisfies(claim ->
                    assertThat(claim.getString("_id")).isEqualTo(keysOfEarlier.of("ron@swanson.com")));
            assertThatThrownBy(() -> started.claim("ron@swanson.com", newId()))
                    .isInstanceOf(EmailClaims.EmailTakenException.class);
        } finally {
            inspector.getDatabase(name).drop();
        }
    }

    private String key(String normalisedAddress) {
        return lookupKeys.of(normalisedAddress);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static String name(BsonDocument command) {
        return command.getFirstKey();
    }

    /** The commands of this name sent to the claims collection. */
    private static List<BsonDocument> commandsNamed(String name) {
        return commands.stream().filter(command -> name(command).equals(name))
                .filter(command -> command.get(name).isString()
                        && command.getString(name).getValue().equals(EmailClaims.COLLECTION))
                .toList();
    }

    private static List<BsonDocument> deletes() {
        return commandsNamed("delete");
    }

    /** The filter of every find and of every single delete sent to the claims collection. */
    private static List<BsonDocument> claimFilters() {
        List<BsonDocument> filters = new ArrayList<>();
        commandsNamed("find").forEach(find -> filters.add(find.getDocument("filter", new BsonDocument())));
        for (BsonDocument delete : commandsNamed("delete")) {
            for (BsonValue statement : delete.getArray("deletes")) {
                filters.add(statement.asDocument().getDocument("q"));
            }
        }
        return filters;
    }
}
