package dev.patron.query.customfield;

import dev.patron.customfields.DefinitionsInForce;
import dev.patron.events.flow.FlowDefinitionEvent;
import dev.patron.progress.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps this service's definitions in force up to date as the customer projection reads definition changes from the
 * log, so that reads show, filter and sort custom fields by {@link DefinitionsInForce#known()} without asking the
 * event store on every request. A definition write waits for this projection (read-your-writes), so the next read
 * sees the change. Folding reads the definitions' stream itself, by sequence number: an event seen again (a replay,
 * a rebuild) changes nothing.
 */
@Component
@ProcessingGroup(Projections.CUSTOMERS)
class DefinitionChanges {

    private final DefinitionsInForce definitions;

    DefinitionChanges(DefinitionsInForce definitions) {
        this.definitions = definitions;
    }

    @EventHandler
    void on(FlowDefinitionEvent change) {
        definitions.current();
    }
}
