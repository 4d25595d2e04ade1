package dev.patron.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.patron.eventstore.EventStoreTestSupport.freshDatabase;
import static org.assertj.core.api.Assertions.assertThat;

/** An event stored at an old revision (a JSON fixture of the stored commit) reads as today's class through an upcaster. */
class UpcastingTest {

    @Revision("2")
    record NoteLabelled(String aggregateId, String label) {
    }

    /** Revision 1 called the field {@code title}. */
    static class TitleBecameLabel extends SingleEventUpcaster {
        private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(NoteLabelled.class.getName(), "1");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().equals(REVISION_1);
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(NoteLabelled.class.getName(), "2"), JsonNode.class,
                                                payload -> {
                                                    ObjectNode node = (ObjectNode) payload;
                                                    node.set("label", node.remove("title"));
                                                    return node;
                                                });
        }
    }

    @Test
    void readsAStoredRevisionOneEventAsRevisionTwo() throws Exception {
        MongoDatabase database = freshDatabase();
        MongoEventStorageEngine engine = EventStoreTestSupport.engine(database, Duration.ofMinutes(1), new TitleBecameLabel());
        try (InputStream fixture = getClass().getResourceAsStream("/fixtures/note-labelled-r1-commit.json")) {
            String json = new String(fixture.readAllBytes(), StandardCharsets.UTF_8);
            database.getCollection(MongoEventStorageEngine.EVENTS).insertOne(Document.parse(json));
        }

        List<? extends DomainEventMessage<?>> events = engine.readEvents("note-1").asStream().toList();

        assertThat(events).hasSize(1);
        assertThat(events.get(0).getPayload()).isEqualTo(new NoteLabelled("note-1", "groceries"));
        assertThat(events.get(0).getIdentifier()).isEqualTo("8d3c2a8e-0c55-4a57-9d0a-0e0f9a3a4b21");
    }
}
