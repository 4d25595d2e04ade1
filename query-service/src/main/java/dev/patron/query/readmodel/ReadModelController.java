package dev.patron.query.readmodel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.patron.contract.ApiException;
import dev.patron.contract.DataDocument;
import dev.patron.query.projection.ReadModelRebuild;
import dev.patron.query.projection.ReadModelRebuild.ReadModelStatus;
import dev.patron.query.projection.ReadModelRebuild.RebuildProgress;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Back office: the read models and their rebuild ({@link ReadModelRebuild}). The access policy closes these paths to
 * storefronts, as every path it does not list.
 */
@RestController
@RequestMapping("/v2/read-models")
class ReadModelController {

    private final ReadModelRebuild rebuild;

    ReadModelController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @GetMapping
    DataDocument<List<ReadModelResource>> list() {
        return DataDocument.of(rebuild.readModels().stream().map(ReadModelResource::of).toList());
    }

    /** 202 with the read model, now rebuilding; 409 while one runs; 404 for an unknown name. */
    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DataDocument<ReadModelResource> rebuild(@PathVariable String name) {
        try {
            return DataDocument.of(ReadModelResource.of(rebuild.start(name)));
        } catch (ReadModelRebuild.UnknownReadModel unknown) {
            throw ApiException.notFound(unknown.getMessage());
        } catch (ReadModelRebuild.RebuildRefused refused) {
            throw ApiException.conflict(refused.getMessage());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ReadModelResource(String type, String id, String name, long generation, String state, Long lag,
                             Rebuild rebuild) {

        static ReadModelResource of(ReadModelStatus status) {
            return new ReadModelResource("read_model", status.name(), status.name(), status.generation(),
                    status.state(), status.lag(), status.rebuild() == null ? null : Rebuild.of(status.rebuild()));
        }
    }

    record Rebuild(
            @JsonProperty("from_generation") long fromGeneration,
            @JsonProperty("target_generation") long targetGeneration,
            String status,
            @JsonProperty("events_done") long eventsDone,
            @JsonProperty("events_total") long eventsTotal,
            @JsonProperty("events_per_second") double eventsPerSecond,
            double percent,
            @JsonProperty("seconds_left") Long secondsLeft,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("finished_at") Instant finishedAt,
            String error) {

        static Rebuild of(RebuildProgress progress) {
            return new Rebuild(progress.fromGeneration(), progress.targetGeneration(), progress.status(),
                    progress.eventsDone(), progress.eventsTotal(), progress.eventsPerSecond(), progress.percent(),
                    progress.secondsLeft(), progress.startedAt(), progress.finishedAt(), progress.error());
        }
    }
}
