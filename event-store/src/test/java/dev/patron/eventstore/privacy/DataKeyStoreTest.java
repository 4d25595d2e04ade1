package dev.patron.eventstore.privacy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.patron.eventstore.testing.RecordedCommands;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch operations of {@link DataKeyStore}. {@code createKeys} gives the customers of a bulk import their data
 * keys in one insert; a customer whose key exists already (an import run again, a create retried) must keep it, or
 * everything encrypted before becomes unreadable, and an erased customer must stay erased, or data written after the
 * erasure becomes readable. {@code prefetchForReading} loads the keys of a batch of events in one lookup, after which
 * reading them costs no round trip.
 * <p>
 * Each store stands for a process with its own key cache ({@link #newStore()}); what one process encrypts is decrypted
 * by another, so a key that was only cached and never stored, or stored twice differently, shows.
 * <p>
 * Keys are stored wrapped under a master key from a key file: never in clear, readable with the file and only with
 * it, readable under an earlier master key while a rotation re-wraps them, and keys an earlier Patron stored in clear
 * keep working and get wrapped.
 */
class DataKeyStoreTest {

    private final RecordedCommands recorded = new RecordedCommands();
    private MongoClient client;
    private String databaseName;
    private MongoDatabase database;

    @TempDir
    Path keyFolder;
    private MasterKeys masterKeys;

    @BeforeEach
    void setUp() {
        masterKeys = MasterKeyFile.openOrCreate(keyFolder.resolve("master-keys"));
        client = recorded.client();
        databaseName = "keys_" + UUID.randomUUID().toString().replace("-", "");
        database = client.getDatabase(databaseName);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void createsOneKeyDocumentPerSubjectInOneInsert() {
        DataKeyStore store = newStore();
        recorded.clear();

        store.createKeys(List.of("c-1", "c-2", "c-3", "c-2"));

        assertThat(commandsOnKeys()).extracting(RecordedCommands.Command::name).containsExactly("insert");
        assertThat(storedKeys()).containsOnlyKeys("c-1", "c-2", "c-3");
        assertThat(storedKeys().values()).doesNotHaveDuplicates();
        // Each is usable by anyone: what this store encrypts another process decrypts.
        PersonalDataCipher writer = new PersonalDataCipher(store);
        PersonalDataCipher reader = new PersonalDataCipher(newStore());
        for (String subject : List.of("c-1", "c-2", "c-3")) {
            String sealed = writer.encrypt(subject, "email", bytes(subject + "@example.com")).orElseThrow();
            assertThat(reader.decrypt(subject, "email", sealed)).hasValueSatisfying(
                    plain -> assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(subject + "@example.com"));
        }
    }

    @Test
    void aSubjectThatHasAKeyKeepsItAndNewSubjectsInTheSameCallGetTheirs() {
        PersonalDataCipher earlierProcess = new PersonalDataCipher(newStore());
        String sealedBefore1 = earlierProcess.encrypt("old-1", "name", bytes("Leslie Knope")).orElseThrow();
        String sealedBefore2 = earlierProcess.encrypt("old-2", "name", bytes("Ben Wyatt")).orElseThrow();
        Map<String, Binary> keysBefore = storedKeys();

        DataKeyStore importer = newStore();
        // Existing and new subjects mixed, so that the insert meets duplicates before, between and after new ones.
        importer.createKeys(List.of("old-1", "new-1", "old-2", "new-2"));

        Map<String, Binary> keysAfter = storedKeys();
        assertThat(keysAfter).containsOnlyKeys("old-1", "old-2", "new-1", "new-2");
        assertThat(keysAfter.get("old-1")).isEqualTo(keysBefore.get("old-1"));
        assertThat(keysAfter.get("old-2")).isEqualTo(keysBefore.get("old-2"));
        PersonalDataCipher importing = new PersonalDataCipher(importer);
        PersonalDataCipher laterProcess = new PersonalDataCipher(newStore());
        // The importer encrypts with the kept keys, not with keys it generated and lost.
        String sealedAfter1 = importing.encrypt("old-1", "name", bytes("Leslie Knope-Wyatt")).orElseThrow();
        String sealedNew = importing.encrypt("new-2", "name", bytes("April Ludgate")).orElseThrow();
        assertThat(text(importing.decrypt("old-1", "name", sealedBefore1))).isEqualTo("Leslie Knope");
        assertThat(text(importing.decrypt("old-2", "name", sealedBefore2))).isEqualTo("Ben Wyatt");
        assertThat(text(laterProcess.decrypt("old-1", "name", sealedAfter1))).isEqualTo("Leslie Knope-Wyatt");
        assertThat(text(laterProcess.decrypt("new-2", "name", sealedNew))).isEqualTo("April Ludgate");
        assertThat(text(earlierProcess.decrypt("old-1", "name", sealedAfter1))).isEqualTo("Leslie Knope-Wyatt");
    }

    @Test
    void aStoreThatCachedAKeyKeepsUsingTheSameKeyAfterCreatingItAgain() {
        DataKeyStore store = newStore();
        PersonalDataCipher cipher = new PersonalDataCipher(store);
        String sealedBefore = cipher.encrypt("c-1", "email", bytes("tom@haverford.com")).orElseThrow();

        store.createKeys(List.of("c-1"));
        String sealedAfter = cipher.encrypt("c-1", "email", bytes("tom@entertainment720.com")).orElseThrow();

        PersonalDataCipher otherProcess = new PersonalDataCipher(newStore());
        assertThat(text(otherProcess.decrypt("c-1", "email", sealedBefore))).isEqualTo("tom@haverford.com");
        assertThat(text(otherProcess.decrypt("c-1", "email", sealedAfter))).isEqualTo("tom@entertainment720.com");
    }

    @Test
    void anErasedSubjectStaysErased() {
        DataKeyStore eraser = newStore();
        String sealedBeforeErasure = new PersonalDataCipher(eraser)
                .encrypt("erased", "name", bytes("Jerry Gergich")).orElseThrow();
        eraser.destroy("erased");

        DataKeyStore importer = newStore();
        importer.createKeys(List.of("erased", "fresh"));

        PersonalDataCipher importing = new PersonalDataCipher(importer);
        assertThat(importing.encrypt("erased", "name", bytes("Garry Gergich"))).as("encrypted after erasure").isEmpty();
        assertThat(importing.decrypt("erased", "name", sealedBeforeErasure)).isEmpty();
        assertThat(new PersonalDataCipher(newStore()).encrypt("erased", "name", bytes("Larry Gergich"))).isEmpty();
        assertThat(keys().find(new Document("_id", "erased")).first())
                .containsKey("destroyedAt").doesNotContainKeys("key", "wrappedKey");
        assertThat(importing.encrypt("fresh", "name", bytes("Donna Meagle"))).isPresent();
    }

    @Test
    void prefetchLoadsManyKeysInOneLookupAfterWhichReadingThemSendsNothing() {
        List<String> subjects = IntStream.range(0, 40).mapToObj(i -> "c-" + i).toList();
        DataKeyStore writer = newStore();
        writer.createKeys(subjects);
        PersonalDataCipher writing = new PersonalDataCipher(writer);
        List<String> sealed = subjects.stream()
                .map(subject -> writing.encrypt(subject, "email", bytes(subject + "@example.com")).orElseThrow())
                .toList();
        writer.destroy("c-39");
        DataKeyStore reader = newStore();
        recorded.clear();

        List<String> batch = new ArrayList<>(subjects);
        batch.addAll(subjects.subList(0, 10));
        reader.prefetchForReading(batch);

        assertThat(commandsOnKeys()).extracting(RecordedCommands.Command::name).containsExactly("find");
        recorded.clear();
        PersonalDataCipher reading = new PersonalDataCipher(reader);
        for (int i = 0; i < 39; i++) {
            assertThat(text(reading.decrypt(subjects.get(i), "email", sealed.get(i))))
                    .isEqualTo(subjects.get(i) + "@example.com");
        }
        assertThat(reading.decrypt("c-39", "email", sealed.get(39))).as("erased").isEmpty();
        assertThat(commandsOnKeys()).as("lookups after the prefetch").isEmpty();
    }

    @Test
    void prefetchAsksOnlyForKeysItDoesNotHaveAndLeavesUnknownSubjectsToALaterLookup() {
        DataKeyStore writer = newStore();
        writer.createKeys(List.of("c-1", "c-2"));
        DataKeyStore reader = newStore();
        reader.prefetchForReading(List.of("c-1"));
        recorded.clear();

        reader.prefetchForReading(List.of("c-1"));
        assertThat(commandsOnKeys()).as("a prefetch of cached keys").isEmpty();

        reader.prefetchForReading(List.of("c-1", "c-2", "nobody"));
        assertThat(commandsOnKeys()).singleElement().satisfies(find ->
                assertThat(find.filter().toJson()).contains("c-2", "nobody").doesNotContain("c-1"));
        recorded.clear();

        assertThat(reader.keyForReading("c-2")).isPresent();
        assertThat(commandsOnKeys()).isEmpty();
        assertThat(reader.keyForReading("nobody")).isEmpty();
        assertThat(commandsOnKeys()).as("an unknown subject is looked up again").hasSize(1);
    }

    private DataKeyStore newStore() {
        return newStore(masterKeys);
    }

    private DataKeyStore newStore(MasterKeys master) {
        return new DataKeyStore(database, master, Duration.ofMinutes(5), Clock.systemUTC());
    }

    private MongoCollection<Document> keys() {
        return database.getCollection(DataKeyStore.COLLECTION);
    }

    private List<RecordedCommands.Command> commandsOnKeys() {
        return recorded.on(databaseName, DataKeyStore.COLLECTION);
    }

    /** By subject, the stored key material (wrapped under the master key). */
    private Map<String, Binary> storedKeys() {
        return keys().find().into(new ArrayList<>()).stream()
                .filter(stored -> stored.containsKey("masterKeyId"))
                .collect(Collectors.toMap(stored -> stored.getString("_id"), stored -> stored.get("wrappedKey", Binary.class)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(java.util.Optional<byte[]> plain) {
        return plain.map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void aKeyKeptUnderAnOwnersKeyReadsInAnyProcessUntilEitherKeyIsDestroyed() {
        DataKeyStore writerStore = newStore();
        writerStore.createKeys(List.of("customer-1"));
        writerStore.createKeyUnder("order-1", "customer-1");
        writerStore.createKeyUnder("order-2", "customer-1");
        PersonalDataCipher writer = new PersonalDataCipher(writerStore);
        String order1 = writer.encrypt("order-1", "email", bytes("ron@swanson.com")).orElseThrow();
        String order2 = writer.encrypt("order-2", "email", bytes("ron@swanson.com")).orElseThrow();

        assertThat(database.getCollection(DataKeyStore.COLLECTION).find(new Document("_id", "order-1")).first())
                .as("the order's key is stored only wrapped").doesNotContainKey("key").containsKey("wrappedKey");
        PersonalDataCipher otherProcess = new PersonalDataCipher(newStore());
        assertThat(otherProcess.decrypt("order-1", "email", order1)).hasValueSatisfying(
                plain -> assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("ron@swanson.com"));

        writerStore.destroy("order-1");
        assertThat(new PersonalDataCipher(newStore()).decrypt("order-1", "email", order1)).isEmpty();
        assertThat(new PersonalDataCipher(newStore()).decrypt("order-2", "email", order2)).isPresent();

        writerStore.destroy("customer-1");
        assertThat(writer.decrypt("order-2", "email", order2)).as("in the destroying process at once").isEmpty();
        assertThat(new PersonalDataCipher(newStore()).decrypt("order-2", "email", order2)).isEmpty();
    }

    @Test
    void noKeyIsKeptUnderAnOwnerWhoWasErased() {
        DataKeyStore store = newStore();
        store.createKeys(List.of("customer-2"));
        store.destroy("customer-2");

        assertThatIllegalStateException()
                .isThrownBy(() -> store.createKeyUnder("order-3", "customer-2"));
        assertThat(storedKeys()).doesNotContainKey("order-3");
    }

    @Test
    void keysAreStoredOnlyWrappedUnderTheActiveMasterKey() {
        DataKeyStore store = newStore();
        store.createKeys(List.of("c-1"));
        store.keyForWriting("c-2");

        for (String subject : List.of("c-1", "c-2")) {
            Document stored = keys().find(new Document("_id", subject)).first();
            byte[] key = newStore().keyForReading(subject).orElseThrow().getEncoded();
            assertThat(stored).doesNotContainKey("key").containsEntry("masterKeyId", masterKeys.activeKeyId());
            assertThat(stored.toJson()).as("the key's bytes, in any form").doesNotContain(
                    Base64.getEncoder().encodeToString(key), HexFormat.of().formatHex(key));
            assertThat(indexOf(stored.get("wrappedKey", Binary.class).getData(), key)).isNegative();
        }
    }

    @Test
    void aRotationWrapsNewKeysUnderTheNewMasterKeyAndRewrapsTheOldOnesWithoutRewritingWhatTheyEncrypted() throws Exception {
        Path file = keyFolder.resolve("master-keys");
        PersonalDataCipher before = new PersonalDataCipher(newStore());
        String sealedBefore = before.encrypt("c-old", "email", bytes("leslie@pawnee.gov")).orElseThrow();
        String oldId = masterKeys.activeKeyId();

        rotate(file, "mk-rotated");
        MasterKeys afterRotation = MasterKeyFile.openOrCreate(file);
        DataKeyStore rotating = newStore(afterRotation);
        String sealedNew = new PersonalDataCipher(rotating).encrypt("c-new", "email", bytes("ann@pawnee.gov")).orElseThrow();
        assertThat(keys().find(new Document("_id", "c-new")).first()).containsEntry("masterKeyId", "mk-rotated");
        assertThat(text(new PersonalDataCipher(rotating).decrypt("c-old", "email", sealedBefore)))
                .as("still under the old master key while the rotation runs").isEqualTo("leslie@pawnee.gov");
        assertThat(text(before.decrypt("c-new", "email", sealedNew)))
                .as("a process started before the rotation reads the file again for a key id it does not know")
                .isEqualTo("ann@pawnee.gov");

        assertThat(rotating.rewrap()).isEqualTo(new DataKeyStore.Rewrapped(0, 1));

        assertThat(keys().find(new Document("_id", "c-old")).first()).containsEntry("masterKeyId", "mk-rotated");
        removeKey(file, oldId);
        PersonalDataCipher withoutOldKey = new PersonalDataCipher(newStore(MasterKeyFile.openOrCreate(file)));
        assertThat(text(withoutOldKey.decrypt("c-old", "email", sealedBefore))).isEqualTo("leslie@pawnee.gov");
        assertThat(text(withoutOldKey.decrypt("c-new", "email", sealedNew))).isEqualTo("ann@pawnee.gov");
    }

    @Test
    void keysAnEarlierPatronStoredInClearStillReadAndAreWrappedByTheRewrap() {
        SecretKey legacy = new SecretKeySpec(new byte[32], "AES");
        keys().insertOne(new Document("_id", "c-legacy").append("key", new Binary(legacy.getEncoded())));
        keys().insertOne(new Document("_id", "c-legacy-erased").append("destroyedAt", new Date())
                .append("key", new Binary(new byte[32])));
        String sealed = new PersonalDataCipher(newStore()).encrypt("c-legacy", "name", bytes("Ron")).orElseThrow();
        DataKeyStore store = newStore();

        assertThat(store.rewrap()).isEqualTo(new DataKeyStore.Rewrapped(1, 0));

        assertThat(keys().find(new Document("_id", "c-legacy")).first())
                .doesNotContainKey("key").containsEntry("masterKeyId", masterKeys.activeKeyId());
        assertThat(keys().find(new Document("_id", "c-legacy-erased")).first())
                .as("an erased subject keeps no key material").containsOnlyKeys("_id", "destroyedAt");
        assertThat(newStore().keyForReading("c-legacy")).hasValue(legacy);
        assertThat(text(new PersonalDataCipher(newStore()).decrypt("c-legacy", "name", sealed))).isEqualTo("Ron");
        assertThat(newStore().keyForReading("c-legacy-erased")).isEmpty();
    }

    @Test
    void aRewrapUnderTheMasterKeyItAlreadyRanUnderReadsOneDocument() {
        DataKeyStore store = newStore();
        store.createKeys(List.of("c-1", "c-2"));
        store.rewrap();
        recorded.clear();

        assertThat(store.rewrap()).isEqualTo(new DataKeyStore.Rewrapped(0, 0));

        assertThat(commandsOnKeys()).singleElement().satisfies(find -> assertThat(find.name()).isEqualTo("find"));
    }

    @Test
    void anotherKeyFileFailsClearlyInsteadOfReadingWrongData() throws Exception {
        String sealed = new PersonalDataCipher(newStore()).encrypt("c-1", "email", bytes("tom@haverford.com")).orElseThrow();
        Path sameIdOtherKey = keyFolder.resolve("same-id");
        Files.writeString(sameIdOtherKey, "active=" + masterKeys.activeKeyId() + "\n"
                + masterKeys.activeKeyId() + "=" + "ab".repeat(32) + "\n");
        Path otherId = keyFolder.resolve("other-id");
        Files.writeString(otherId, "active=mk-other\nmk-other=" + "cd".repeat(32) + "\n");

        assertThatThrownBy(() -> new PersonalDataCipher(newStore(MasterKeyFile.openOrCreate(sameIdOtherKey)))
                .decrypt("c-1", "email", sealed))
                .isInstanceOf(MasterKeys.MasterKeyException.class)
                .hasMessageContaining("does not unwrap under master key '" + masterKeys.activeKeyId() + "'");
        assertThatThrownBy(() -> new PersonalDataCipher(newStore(MasterKeyFile.openOrCreate(otherId)))
                .decrypt("c-1", "email", sealed))
                .isInstanceOf(MasterKeys.MasterKeyException.class)
                .hasMessageContaining("wrapped under master key '" + masterKeys.activeKeyId() + "'")
                .hasMessageContaining("does not hold");
    }

    /** Adds a master key under {@code id} and makes it the active one, as the patron script's rotation does. */
    private static void rotate(Path file, String id) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.replaceAll(line -> line.startsWith("active=") ? "active=" + id : line);
        lines.add(id + "=" + "0f".repeat(32));
        Files.write(file, lines);
    }

    private static void removeKey(Path file, String id) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.removeIf(line -> line.startsWith(id + "="));
        Files.write(file, lines);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int start = 0; start + needle.length <= haystack.length; start++) {
            if (Arrays.equals(haystack, start, start + needle.length, needle, 0, needle.length)) {
                return start;
            }
        }
        return -1;
    }
}
