package dev.patron.customfields;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/** Gives each service that has Patron's event store one {@link DefinitionsInForce}. */
@AutoConfiguration(afterName = "dev.patron.eventstore.spring.MongoEventStoreAutoConfiguration")
public class CustomFieldsAutoConfiguration {

    @Bean
    @ConditionalOnBean(EventStorageEngine.class)
    DefinitionsInForce definitionsInForce(EventStorageEngine eventStore) {
        return new DefinitionsInForce(eventStore);
    }
}
