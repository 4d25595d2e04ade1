package dev.patron.eventstore.spring;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.patron.eventstore.EventLogFollower;
import dev.patron.eventstore.MongoEventStorageEngine;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.eventstore.privacy.LookupKeys;
import dev.patron.eventstore.privacy.MasterKeyFile;
import dev.patron.eventstore.privacy.MasterKeys;
import dev.patron.eventstore.privacy.PersonalDataCipher;
import dev.patron.eventstore.privacy.PersonalDataSerializer;
import dev.patron.eventstore.privacy.StorageSweep;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Puts Patron's MongoDB event store under Axon: the storage engine, the encrypting event serializer, and the
 * token and data-key stores, all in one MongoDB database. Runs before Axon's own auto-configuration so that
 * Axon builds its {@code EmbeddedEventStore} on this engine instead of an in-memory one.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(EventStorageEngine.class)
@EnableConfigurationProperties(PatronEventStoreProperties.class)
public class MongoEventStoreAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MongoClient patronMongoClient(PatronEventStoreProperties properties) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.mongo().uri()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        properties.mongo().serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .build());
    }

    @Bean
    @ConditionalOnMissingBean
    public MongoDatabase patronDatabase(MongoClient client, PatronEventStoreProperties properties) {
        return client.getDatabase(properties.mongo().database());
    }

    /** The master key file; a deployment with a key-management service replaces this bean with its own. */
    @Bean
    @ConditionalOnMissingBean
    public MasterKeys masterKeys(PatronEventStoreProperties properties) {
        return MasterKeyFile.openOrCreate(properties.privacy().masterKeyFile());
    }

    @Bean
    @ConditionalOnMissingBean
    public DataKeyStore dataKeyStore(MongoDatabase database, MasterKeys masterKeys, PatronEventStoreProperties properties) {
        return new DataKeyStore(database, masterKeys, properties.privacy().keyCacheTtl(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    public LookupKeys lookupKeys(DataKeyStore keys, MongoDatabase database) {
        return new LookupKeys(keys, database);
    }

    @Bean
    public DataKeyRewrap dataKeyRewrap(DataKeyStore keys) {
        return new DataKeyRewrap(keys);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public StorageSweep storageSweep(MongoDatabase database) {
        return new StorageSweep(database);
    }

    /** Axon's general serializer (tokens, dead letters): Jackson, never XStream. */
    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(messageMapper()).defaultTyping().build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(messageMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(DataKeyStore keys) {
        return new PersonalDataSerializer(JacksonSerializer.builder().objectMapper(messageMapper()).build(),
                                          new PersonalDataCipher(keys));
    }

    @Bean
    @ConditionalOnMissingBean
    public EventStorageEngine eventStorageEngine(MongoDatabase database,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 DataKeyStore keys,
                                                 Configuration configuration,
                                                 PatronEventStoreProperties properties) {
        return MongoEventStorageEngine.builder()
                                      .database(database)
                                      .eventSerializer(eventSerializer)
                                      .snapshotSerializer(snapshotSerializer(keys))
                                      .upcasterChain(configuration.upcasterChain())
                                      .snapshotFilter(configuration.snapshotFilter())
                                      .gapTimeout(properties.eventStore().gapTimeout())
                                      .batchSize(properties.eventStore().batchSize())
                                      .build();
    }

    /**
     * What tracking processors read the log from (name it as their {@code source}): woken by this process's own
     * appends and by {@link EventLogFollower#wake()}, else polling every {@code patron.event-store.idle-poll}.
     */
    @Bean
    @ConditionalOnMissingBean
    public EventLogFollower eventLogFollower(EventStorageEngine engine, PatronEventStoreProperties properties) {
        if (!(engine instanceof MongoEventStorageEngine mongoEngine)) {
            throw new IllegalStateException("The event log follower reads Patron's MongoDB event store, not " + engine);
        }
        return new EventLogFollower(mongoEngine, properties.eventStore().idlePoll(), properties.eventStore().readAhead());
    }

    /** Aggregates name this bean in {@code @Aggregate(snapshotTriggerDefinition = "patronSnapshotTrigger")}. */
    @Bean
    public SnapshotTriggerDefinition patronSnapshotTrigger(Snapshotter snapshotter, PatronEventStoreProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.eventStore().snapshotThreshold());
    }

    @Bean
    @ConditionalOnMissingBean
    public MongoTemplate axonMongoTemplate(MongoDatabase database) {
        return DefaultMongoTemplate.builder()
                                   .mongoDatabase(database)
                                   .trackingTokensCollectionName("tracking_tokens")
                                   .deadLetterCollectionName("dead_letters")
                                   .build();
    }

    /**
     * Claims are made in the name of this start of the application: Axon's default name, the JVM's {@code pid@host},
     * is the same for two instances in one JVM (tests) or two containers whose processes have the same pid on hosts
     * of the same name, and instances of one name would each take the other's claim as their own and process the
     * same segment together.
     */
    @Bean
    @ConditionalOnMissingBean
    public TokenStore tokenStore(MongoTemplate template, Serializer serializer, PatronEventStoreProperties properties) {
        return MongoTokenStore.builder().mongoTemplate(template).serializer(serializer)
                .claimTimeout(properties.eventStore().claimTimeout())
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID())
                .build();
    }

    /**
     * Snapshots are aggregate state, not records: Jackson reads and writes their fields directly. They pass through
     * the same personal-data encryption as events, so a snapshot cannot keep what erasure destroyed.
     */
    private static Serializer snapshotSerializer(DataKeyStore keys) {
        ObjectMapper mapper = messageMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return new PersonalDataSerializer(JacksonSerializer.builder().objectMapper(mapper).build(),
                                          new PersonalDataCipher(keys));
    }

    private static ObjectMapper messageMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
