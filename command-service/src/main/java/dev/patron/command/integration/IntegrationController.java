package dev.patron.command.integration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.ApiException;
import dev.patron.contract.DataDocument;
import dev.patron.contract.PageRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v2/integrations}: the back office's webhooks (the access policy lists no other caller), reads included,
 * since integrations are configuration held by the command service, not a read model.
 */
@RestController
class IntegrationController {

    static final int DEFAULT_LOG_PAGE = 25;
    static final int MAX_LOG_PAGE = 100;

    private final Integrations integrations;
    private final DeliveryQueue queue;
    private final WebhookTargets targets;

    IntegrationController(Integrations integrations, DeliveryQueue queue, WebhookTargets targets) {
        this.integrations = integrations;
        this.queue = queue;
        this.targets = targets;
    }

    /** A page of a list, as the contract's lists carry it. */
    record ListDocument<T>(List<T> data, Map<String, Object> meta) {
    }

    @PostMapping("/v2/integrations")
    ResponseEntity<DataDocument<IntegrationResource>> create(@RequestBody JsonNode body) {
        IntegrationInput input = IntegrationInput.read(body, true);
        refuseInternalTarget(input.url());
        Instant now = Instant.now();
        Integration integration = new Integration(UUID.randomUUID().toString(), input.name(), input.description(),
                input.enabled() == null || input.enabled(), input.observes(), input.url(), input.secret(), now, now, 1);
        integrations.create(integration);
        return ResponseEntity.created(URI.create("/v2/integrations/" + integration.id()))
                .body(DataDocument.of(IntegrationResource.of(integration)));
    }

    @GetMapping("/v2/integrations")
    ListDocument<IntegrationResource> list() {
        List<IntegrationResource> all = integrations.all().stream().map(IntegrationResource::of).toList();
        return new ListDocument<>(all, Map.of("results", Map.of("total", all.size())));
    }

    @GetMapping("/v2/integrations/{integrationId}")
    DataDocument<IntegrationResource> get(@PathVariable String integrationId) {
        return DataDocument.of(IntegrationResource.of(existing(integrationId)));
    }

    @PutMapping("/v2/integrations/{integrationId}")
    DataDocument<IntegrationResource> update(@PathVariable String integrationId, @RequestBody JsonNode body) {
        IntegrationInput input = IntegrationInput.read(body, false);
        if (input.url() != null) {
            refuseInternalTarget(input.url());
        }
        Integration current = existing(integrationId);
        Integration changed = new Integration(current.id(),
                input.name() != null ? input.name() : current.name(),
                body.get("data").has("description") ? input.description() : current.description(),
                input.enabled() != null ? input.enabled() : current.enabled(),
                input.observes() != null ? input.observes() : current.observes(),
                input.url() != null ? input.url() : current.url(),
                input.secret() != null ? input.secret() : current.secret(),
                current.createdAt(), Instant.now(), current.version() + 1);
        if (!integrations.replace(changed, current.version())) {
            throw ApiException.conflict("Write conflict detected");
        }
        return DataDocument.of(IntegrationResource.of(changed));
    }

    @DeleteMapping("/v2/integrations/{integrationId}")
    ResponseEntity<Void> delete(@PathVariable String integrationId) {
        if (!integrations.delete(integrationId)) {
            throw unknown();
        }
        queue.forget(integrationId);
        return ResponseEntity.noContent().build();
    }

    /** Every delivery attempt, newest first. */
    @GetMapping("/v2/integrations/{integrationId}/logs")
    ListDocument<DeliveryLogResource> logs(@PathVariable String integrationId,
                                           @RequestParam(name = PageRequest.LIMIT_PARAMETER, required = false)
                                           String limit,
                                           @RequestParam(name = PageRequest.OFFSET_PARAMETER, required = false)
                                           String offset) {
        existing(integrationId);
        PageRequest request = PageRequest.parse(limit, offset, DEFAULT_LOG_PAGE, MAX_LOG_PAGE, Integer.MAX_VALUE);
        int pageLimit = request.limit();
        int pageOffset = request.offset();
        DeliveryQueue.LogPage page = queue.logs(integrationId, pageOffset, pageLimit);
        return new ListDocument<>(page.entries(), Map.of(
                "page", Map.of("limit", pageLimit, "offset", pageOffset, "current", pageOffset / pageLimit + 1,
                        "total", (page.total() + pageLimit - 1) / pageLimit),
                "results", Map.of("total", page.total())));
    }

    private void refuseInternalTarget(String url) {
        targets.refusal(URI.create(url)).ifPresent(reason -> {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, reason, IntegrationInput.URL_SOURCE);
        });
    }

    private Integration existing(String integrationId) {
        return integrations.find(integrationId).orElseThrow(IntegrationController::unknown);
    }

    private static ApiException unknown() {
        return ApiException.notFound("Integration not found");
    }
}
