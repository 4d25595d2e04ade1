package dev.patron.eventstore.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.eventstore.testing.TestKeys;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataSerializerTest {

    private DataKeyStore keys;
    private PersonalDataSerializer serializer;

    @BeforeEach
    void setUp() {
        MongoDatabase database = MongoClients.create(InMemoryMongo.connectionString())
                                             .getDatabase("privacy_" + UUID.randomUUID().toString().replace("-", ""));
        keys = new DataKeyStore(database, TestKeys.masterKeys(), Duration.ofMinutes(1), Clock.systemUTC());
        serializer = new PersonalDataSerializer(JacksonSerializer.defaultSerializer(), new PersonalDataCipher(keys));
    }

    @Test
    void storesPersonalFieldsOnlyAsCiphertextAndReadsThemBack() {
        CustomerCreated created = new CustomerCreated("c-1", "Ron Swanson", "ron@swanson.com", "crm-42");

        SerializedObject<String> stored = serializer.serialize(created, String.class);

        assertThat(stored.getData()).contains("\"customerId\":\"c-1\"")
                                    .doesNotContain("Ron Swanson", "ron@swanson.com", "crm-42");
        assertThat((CustomerCreated) serializer.deserialize(stored)).isEqualTo(created);
    }

    @Test
    void readsErasedFieldsAsNullOnceTheKeyIsDestroyedAndKeepsTheAuditSkeleton() {
        SerializedObject<String> stored = serializer.serialize(
                new CustomerCreated("c-1", "Ron Swanson", "ron@swanson.com", "crm-42"), String.class);

        keys.destroy("c-1");

        assertThat((CustomerCreated) serializer.deserialize(stored))
                .isEqualTo(new CustomerCreated("c-1", null, null, null));
    }

    @Test
    void neverGivesAnErasedSubjectAFreshKey() {
        keys.destroy("c-1");

        SerializedObject<String> stored = serializer.serialize(
                new CustomerCreated("c-1", "Ron Swanson", "ron@swanson.com", null), String.class);

        assertThat(stored.getData()).doesNotContain("Ron Swanson", "pd1:");
        assertThat((CustomerCreated) serializer.deserialize(stored)).isEqualTo(new CustomerCreated("c-1", null, null, null));
    }

    @Test
    void refusesCiphertextCopiedIntoAnotherCustomersEvent() throws Exception {
        String stolen = new ObjectMapper().readTree(serializer.serialize(
                new CustomerCreated("victim", "Leslie Knope", "leslie@pawnee.gov", null), String.class).getData())
                                          .get("email").textValue();
        serializer.serialize(new CustomerCreated("thief", "x", "x@x.io", null), String.class);
        String forged = "{\"customerId\":\"thief\",\"name\":null,\"email\":\"" + stolen + "\",\"externalRef\":null}";

        assertThatThrownBy(() -> serializer.deserialize(new SimpleSerializedObject<>(
                forged, String.class, serializer.typeForClass(CustomerCreated.class))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void protectsNestedValuesAndFieldsOfPlainClassesLikeSnapshots() {
        CustomerState state = new CustomerState();
        state.id = "c-7";
        state.passwordHash = "$argon2id$v=19$m=19456,t=2,p=1$salt$hash";
        state.address = new Address("1 Main St", "Pawnee");
        state.credentials = new Credentials();
        state.credentials.passwordHash = "$2b$10$importedbcrypthashimportedbcrypthashimportedbcrypthash";
        state.credentials.failures = 2;

        SerializedObject<String> stored = serializer.serialize(state, String.class);
        CustomerState read = serializer.deserialize(stored);

        assertThat(stored.getData()).doesNotContain("argon2id", "Main St", "Pawnee", "$2b$", "failures");
        assertThat(read.passwordHash).isEqualTo(state.passwordHash);
        assertThat(read.address).isEqualTo(state.address);
        assertThat(read.credentials).usingRecursiveComparison().isEqualTo(state.credentials);
    }

    @Test
    void refusesAnEntityWithPersonalDataInAFieldThatWouldKeepItInClear() {
        UnmarkedEntityHolder holder = new UnmarkedEntityHolder();
        holder.id = "c-8";
        holder.credentials = new Credentials();
        holder.credentials.passwordHash = "$argon2id$v=19$m=19456,t=2,p=1$salt$hash";

        assertThatThrownBy(() -> serializer.serialize(holder, String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UnmarkedEntityHolder.credentials");
    }

    @Test
    void rejectsAClassWithPersonalDataButNoSubject() {
        assertThatThrownBy(() -> serializer.serialize(new Orphan("secret"), String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@DataSubjectId");
    }

    record Address(String line1, String city) {
    }

    /** Like an aggregate's entity: its own marks say what is personal, its holder's mark has it encrypted. */
    static class Credentials {
        @PersonalData
        public String passwordHash;
        public int failures;
    }

    static class CustomerState {
        @DataSubjectId
        public String id;
        @PersonalData
        public String passwordHash;
        @PersonalData
        public Address address;
        @PersonalData
        public Credentials credentials;
    }

    static class UnmarkedEntityHolder {
        @DataSubjectId
        public String id;
        public Credentials credentials;
    }

    record Orphan(@PersonalData String secret) {
    }
}
