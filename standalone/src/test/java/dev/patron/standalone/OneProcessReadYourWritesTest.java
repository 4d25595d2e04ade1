package dev.patron.standalone;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import dev.patron.progress.ProjectionProgress;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Patron in one process, as {@code ./patron up} runs it: a write can be read back at once through the same host. */
@Tag("integration")
class OneProcessReadYourWritesTest {

    private static RunningPatron patron;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "one-process-" + UUID.randomUUID());
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    @Test
    void everyWriteIsReadableByTheNextRequest() {
        ApiTestClient api = patron.backOffice();
        new ReadYourWrites(api, api).playRounds(30);
    }

    /** In one process a write waits on the projection in memory, not through the query side's HTTP endpoint. */
    @Test
    void theWriteSideAsksTheProjectionInProcess() {
        ProjectionProgress progress = patron.context.getBean(ProjectionProgress.class);

        assertThat(progress.getClass().getPackageName()).isEqualTo("dev.patron.query.projection");
    }
}
