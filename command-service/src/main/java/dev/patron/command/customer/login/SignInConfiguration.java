package dev.patron.command.customer.login;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SignInLockout.class, OidcProperties.class})
class SignInConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SignInConfiguration.class);

    /**
     * {@link CustomerCredentialChanges} runs in the writing unit of work, after the event is stored. A failure
     * there is logged, not thrown: the change is stored, and failing its command would make the caller undo what
     * surrounds it (e.g. give up the email address the stored change now uses).
     */
    @Bean
    ConfigurerModule credentialChangesFollowedWhereTheyAreStored() {
        String group = CustomerCredentialChanges.PROCESSING_GROUP;
        ListenerInvocationErrorHandler logFailure = (failure, event, handler) -> log.error(
                "Could not follow {} of customer {}: customer tokens issued before it stay valid until they expire",
                event.getPayloadType().getSimpleName(),
                event instanceof DomainEventMessage<?> domainEvent ? domainEvent.getAggregateIdentifier() : "?",
                failure);
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(group)
                .registerListenerInvocationErrorHandler(group, configuration -> logFailure));
    }
}
