package dev.patron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcknowledgementTrackerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ImportStateStore store;
    private RejectionReport report;
    private AcknowledgementTracker tracker;
    private ImportCounts live;
    private List<Batch> batches;

    @BeforeEach
    void setUp() throws Exception {
        Path input = Files.writeString(dir.resolve("customers.jsonl"), "{}\n");
        FileFingerprint file = FileFingerprint.of(input);
        store = new ImportStateStore(dir, file);
        report = new RejectionReport(RejectionReport.pathFor(dir, input), false, JSON);
        ImportState start = ImportState.start(file, 9);
        store.save(start); // as the command does before the first batch
        live = new ImportCounts(start);
        tracker = new AcknowledgementTracker(start, store, report, live);
        // Three batches of three lines; the second customer of each batch is rejected by the "server".
        BatchBuilder builder = new BatchBuilder(JSON, 3, 0);
        batches = new ArrayList<>();
        for (int line = 1; line <= 9; line++) {
            ObjectNode item = JSON.createObjectNode().put("type", "customer").put("email", "c" + line + "@x.io");
            batches.addAll(builder.add(new CustomerLine(line, "c" + line + "@x.io", item, List.of())));
        }
    }

    private static List<ItemOutcome> answers() {
        return List.of(new ItemOutcome(ItemOutcome.Status.CREATED, "id-1", List.of()),
                new ItemOutcome(ItemOutcome.Status.REJECTED, null, List.of("email must be a valid email address (email)")),
                new ItemOutcome(ItemOutcome.Status.ALREADY_IMPORTED, "id-3", List.of()));
    }

    @Test
    void writesTheStateAfterEveryBatchAnsweredInOrder() throws Exception {
        tracker.acknowledged(batches.get(0), answers());
        assertThat(store.load()).get().satisfies(state -> {
            assertThat(state.done()).isEqualTo(3);
            assertThat(state.lastLine()).isEqualTo(3);
            assertThat(state.created()).isEqualTo(1);
            assertThat(state.alreadyImported()).isEqualTo(1);
            assertThat(state.rejected()).isEqualTo(1);
        });

        tracker.acknowledged(batches.get(1), answers());
        assertThat(store.load()).get().extracting(ImportState::done, ImportState::created)
                .containsExactly(6L, 2L);
    }

    @Test
    void anAnswerThatComesEarlyWaitsForTheGapBeforeIt() throws Exception {
        tracker.acknowledged(batches.get(1), answers());

        // The live counts show it at once; the kept state and the report do not, as batch 0 is still out.
        assertThat(live.snapshot().done()).isEqualTo(3);
        assertThat(store.load()).get().extracting(ImportState::done).isEqualTo(0L);
        report.flush();
        assertThat(Files.readAllLines(report.path())).isEmpty();

        tracker.acknowledged(batches.get(0), answers());

        assertThat(store.load()).get().extracting(ImportState::done, ImportState::lastLine, ImportState::rejected)
                .containsExactly(6L, 6L, 2L);
        assertThat(Files.readAllLines(report.path())).containsExactly(
                "{\"line\":2,\"email\":\"c2@x.io\",\"errors\":[\"email must be a valid email address (email)\"]}",
                "{\"line\":5,\"email\":\"c5@x.io\",\"errors\":[\"email must be a valid email address (email)\"]}");
    }

    @Test
    void answersAfterCloseAreNotTaken() throws Exception {
        tracker.acknowledged(batches.get(0), answers());
        ImportState closed = tracker.close();

        tracker.acknowledged(batches.get(1), answers());

        assertThat(closed.done()).isEqualTo(3);
        assertThat(store.load()).get().extracting(ImportState::done).isEqualTo(3L);
    }

    @Test
    void theStateFileHoldsNumbersOnly() throws Exception {
        tracker.acknowledged(batches.get(0), answers());

        String kept = Files.readString(store.path());
        assertThat(JSON.readTree(kept).fieldNames()).toIterable().containsExactlyInAnyOrder("file", "size",
                "modified", "total", "done", "last_line", "created", "already_imported", "rejected");
        assertThat(kept).doesNotContain("@x.io");
        assertThat(store.path().getFileName().toString()).matches("import-[0-9a-f]{16}\\.json");
        assertThat(Files.exists(dir.resolve(store.path().getFileName() + ".tmp"))).isFalse();
    }
}
