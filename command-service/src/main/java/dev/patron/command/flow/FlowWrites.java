package dev.patron.command.flow;

import dev.patron.command.write.Write;
import dev.patron.command.write.WritePipeline;
import dev.patron.contract.ApiException;
import dev.patron.contract.ErrorDetails;
import dev.patron.customfields.Definitions;
import dev.patron.customfields.DefinitionsInForce;
import dev.patron.progress.Projections;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Flow and field commands through the {@link WritePipeline}, and reads of the definitions in force. A write is
 * answered once the customer projection has read it, which is when the query service folds it too: a read of
 * customers that follows shows, filters and sorts by the new definitions. Reads of flows and fields fold the
 * definitions' stream itself ({@link DefinitionsInForce#current()}). All definitions share one stream, so a write
 * that lost a race is sent again.
 */
@Service
class FlowWrites {

    private static final int TRIES_ON_CONFLICT = 8;

    private static final Write FLOW_WRITE = Write.awaiting(Projections.CUSTOMERS)
            .answering(UnknownFlowException.class, () -> ApiException.notFound(ErrorDetails.FLOW_NOT_FOUND))
            .answering(UnknownFieldException.class, () -> ApiException.notFound(ErrorDetails.FIELD_NOT_FOUND))
            .retryingConflicts(TRIES_ON_CONFLICT);

    private final WritePipeline pipeline;
    private final DefinitionsInForce definitions;

    FlowWrites(WritePipeline pipeline, DefinitionsInForce definitions) {
        this.pipeline = pipeline;
        this.definitions = definitions;
    }

    /** A change of definitions that do not exist yet is of an unknown flow or field. */
    <R> R send(Object command, RuntimeException whenNoDefinitions) {
        return pipeline.send(command, FLOW_WRITE.answering(AggregateNotFoundException.class, () -> whenNoDefinitions));
    }

    Definitions read() {
        return definitions.current();
    }
}
