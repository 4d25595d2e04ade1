package dev.patron.query.projection;

import dev.patron.contract.ApiException;
import dev.patron.progress.ProjectionProgress;
import dev.patron.progress.ProjectionProgressApi;
import dev.patron.progress.ProjectionProgressApi.Answer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@link ProjectionProgressApi}: lets a command service in another process wait for its write to be projected.
 * The request is held asynchronously, so waiting writers do not hold request threads.
 */
@RestController
class ProjectionProgressController {

    private final ProjectionProgress progress;

    ProjectionProgressController(ProjectionProgress progress) {
        this.progress = progress;
    }

    @GetMapping(ProjectionProgressApi.PATH)
    CompletableFuture<Answer> processed(@PathVariable String projection,
                                        @RequestParam(ProjectionProgressApi.POSITION) long position,
                                        @RequestParam(name = ProjectionProgressApi.WAIT_MILLIS, defaultValue = "0")
                                        long waitMillis) {
        if (position < 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProjectionProgressApi.POSITION + " must not be negative",
                    ProjectionProgressApi.POSITION);
        }
        if (waitMillis < 0 || waitMillis > ProjectionProgressApi.MAX_WAIT_MILLIS) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProjectionProgressApi.WAIT_MILLIS + " must be 0 to "
                    + ProjectionProgressApi.MAX_WAIT_MILLIS, ProjectionProgressApi.WAIT_MILLIS);
        }
        return progress.whenProcessed(projection, position, Duration.ofMillis(waitMillis))
                .exceptionally(failure -> {
                    if (failure instanceof IllegalArgumentException || failure.getCause() instanceof IllegalArgumentException) {
                        throw ApiException.notFound("No projection " + projection);
                    }
                    throw new CompletionException(failure);
                })
                .thenApply(processed -> new Answer(projection, position, processed));
    }
}
