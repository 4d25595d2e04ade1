package dev.patron.command.write;

import dev.patron.events.metadata.EventMetadata;
import dev.patron.events.metadata.EventMetadata.Actor;
import dev.patron.kit.security.Caller;
import dev.patron.kit.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records who did what, for every event, in one place. As a command is dispatched (in the request's thread: the local
 * command bus runs it there), it is given the actor and the request's id ({@link EventMetadata}); as its handler applies
 * events, Axon copies those onto each event, with the command's own id as the event's causation. No handler does any
 * of this by hand.
 * <p>
 * The actor is the signed-in customer when a storefront sends their token, else the API client of the access token;
 * an entry point where someone else acts says so with {@link #actAs} (single sign-on: the identity provider). A command
 * sent outside any request is the {@code system}'s. Registered with the command bus by {@link AuditConfiguration}.
 */
@Component
public class AuditMetadata implements MessageDispatchInterceptor<CommandMessage<?>>, CorrelationDataProvider {

    private static final String ACTING_AS = AuditMetadata.class.getName() + ".actingAs";
    private static final List<String> COPIED_TO_EVENTS = List.of(EventMetadata.ACTOR_TYPE, EventMetadata.ACTOR_ID,
            EventMetadata.REQUEST_ID, EventMetadata.CORRELATION_ID);

    /** Says that, for the rest of the current request, {@code actor} acts rather than the calling client. */
    public static void actAs(Actor actor) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ACTING_AS, actor, RequestAttributes.SCOPE_REQUEST);
        }
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.getMetaData().containsKey(EventMetadata.ACTOR_TYPE)
                ? command : command.andMetaData(metadataOfCurrentRequest());
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        COPIED_TO_EVENTS.forEach(key -> {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        });
        if (message instanceof CommandMessage<?>) {
            data.put(EventMetadata.CAUSATION_ID, message.getIdentifier());
        }
        return data;
    }

    private static Map<String, Object> metadataOfCurrentRequest() {
        Map<String, Object> metadata = new HashMap<>();
        Optional<HttpServletRequest> request = currentRequest();
        Actor actor = request.map(AuditMetadata::actorOf).orElse(Actor.system());
        metadata.put(EventMetadata.ACTOR_TYPE, actor.type());
        if (actor.id() != null) {
            metadata.put(EventMetadata.ACTOR_ID, actor.id());
        }
        request.flatMap(RequestIdFilter::requestIdOf).ifPresent(id -> {
            metadata.put(EventMetadata.REQUEST_ID, id);
            metadata.put(EventMetadata.CORRELATION_ID, id);
        });
        return metadata;
    }

    private static Actor actorOf(HttpServletRequest request) {
        if (request.getAttribute(ACTING_AS) instanceof Actor actingAs) {
            return actingAs;
        }
        return Caller.find(request)
                .map(caller -> caller.customerId().map(Actor::customer).orElseGet(() -> Actor.client(caller.clientId())))
                .orElse(Actor.system());
    }

    private static Optional<HttpServletRequest> currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(attributes.getRequest())
                : Optional.empty();
    }
}
