package dev.patron.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.patron.eventstore.EventStoreTestSupport.engine;
import static dev.patron.eventstore.EventStoreTestSupport.event;
import static dev.patron.eventstore.EventStoreTestSupport.freshDatabase;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CommitPosition}: after a unit of work committed, a writer that answers only once a reader has caught up
 * (read-your-writes) asks it where the unit of work's events landed. It must name the last global index of the last
 * commit the unit of work wrote (the {@code _id} of that commit document), whether the events were published in the
 * unit of work itself or in one nested in it (a command dispatched inside another), and nothing when nothing was
 * appended: a wrong position makes the writer answer before its write can be read, or wait for nothing.
 */
class CommitPositionTest {

    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private EmbeddedEventStore eventStore;

    @BeforeEach
    void setUp() {
        database = freshDatabase();
        engine = engine(database, Duration.ofMinutes(5));
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        // Others wrote before: the unit of work's events do not start at the first index.
        engine.appendEvents(event("earlier", 0), event("earlier", 1));
        engine.appendEvents(event("other", 0));
    }

    @AfterEach
    void tearDown() {
        while (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().rollback();
        }
        eventStore.shutDown();
    }

    @Test
    void isTheLastGlobalIndexOfTheCommitsTheUnitOfWorkAppended() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("command"));
        eventStore.publish(event("a", 0), event("a", 1), event("b", 0));
        unitOfWork.commit();

        assertThat(CommitPosition.of(unitOfWork)).hasValue(lastIndexOfCommitsOf("a", "b"));
        assertThat(CommitPosition.of(unitOfWork)).hasValue(6);
    }

    @Test
    void ofANestedUnitOfWorkIsWhereTheRootAppendedItsEventsWhenTheRootCommitted() {
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("outer command"));
        eventStore.publish(event("outer", 0));
        UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("inner command"));
        eventStore.publish(event("inner", 0), event("inner", 1));
        nested.commit();
        assertThat(CommitPosition.of(nested)).as("nothing is appended before the root commits").isEmpty();

        root.commit();

        long last = lastIndexOfCommitsOf("outer", "inner");
        assertThat(last).isEqualTo(6);
        assertThat(CommitPosition.of(root)).hasValue(last);
        assertThat(CommitPosition.of(nested)).hasValue(last);
    }

    @Test
    void coversAppendsMadeDirectlyThroughTheEngineInsideANestedUnitOfWork() {
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("outer command"));
        engine.appendEvents(event("first", 0));
        UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("inner command"));
        engine.appendEvents(event("second", 0), event("second", 1));
        nested.commit();
        root.commit();

        assertThat(lastIndexOfCommitsOf("second")).isEqualTo(6);
        assertThat(CommitPosition.of(root)).hasValue(6);
        assertThat(CommitPosition.of(nested)).hasValue(6);
    }

    @Test
    void isEmptyWhenTheUnitOfWorkAppendedNothing() {
        UnitOfWork<?> quiet = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("query"));
        quiet.commit();
        UnitOfWork<?> rolledBack = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("failing command"));
        eventStore.publish(event("never", 0));
        rolledBack.rollback();

        assertThat(CommitPosition.of(quiet)).isEmpty();
        assertThat(CommitPosition.of(rolledBack)).isEmpty();
        assertThat(lastIndexOfCommitsOf("never")).as("nothing of the rolled back unit was stored").isZero();
    }

    /** The highest {@code _id} (= last global index of a commit) among the commits of these aggregates; 0 if none. */
    private long lastIndexOfCommitsOf(String... aggregateIds) {
        List<Long> ids = new ArrayList<>();
        for (String aggregateId : aggregateIds) {
            database.getCollection(MongoEventStorageEngine.EVENTS)
                    .find(Filters.eq(CommitDocument.AGGREGATE_ID, aggregateId))
                    .forEach((Document commit) -> ids.add(commit.getLong("_id")));
        }
        return ids.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
