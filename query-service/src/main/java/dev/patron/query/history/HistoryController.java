package dev.patron.query.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.patron.contract.ApiException;
import dev.patron.contract.ErrorDetails;
import dev.patron.events.metadata.EventMetadata;
import dev.patron.query.filter.Filter;
import dev.patron.query.filter.FilterParser;
import dev.patron.query.paging.ListDocument;
import dev.patron.contract.PageRequest;
import dev.patron.query.paging.Pagination;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/customers/:id/history}: the customer's story for an auditor (the back office) or for the customer
 * themselves (with their token; the access policy checks whose). Oldest first, paged like every list, filtered on
 * {@code type} and {@code occurred_at}. A deleted customer's history still answers, redacted, so that what happened to
 * them and when they were erased stays on record.
 */
@RestController
class HistoryController {

    private final AuditTrail auditTrail;

    HistoryController(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    @GetMapping("/v2/customers/{customerId}/history")
    HistoryDocument history(@PathVariable String customerId,
                            @RequestParam(name = FilterParser.PARAMETER, required = false) String filter,
                            @RequestParam(name = PageRequest.LIMIT_PARAMETER, required = false) String limit,
                            @RequestParam(name = PageRequest.OFFSET_PARAMETER, required = false) String offset) {
        PageRequest page = PageRequest.parse(limit, offset);
        List<Filter<HistoryField>> filters = HistoryField.FILTER.parse(filter);
        AuditTrail.History history = auditTrail.history(customerId)
                .orElseThrow(() -> ApiException.notFound(ErrorDetails.CUSTOMER_NOT_FOUND));
        List<AuditTrail.Entry> matching = history.entries().stream()
                .filter(entry -> HistoryField.matchesAll(filters, entry)).toList();
        List<EntryResource> onPage = matching.stream().skip(page.offset()).limit(page.limit())
                .map(EntryResource::of).toList();
        Map<String, String> query = new HashMap<>();
        query.put(FilterParser.PARAMETER, filter);
        ListDocument<EntryResource> list = Pagination.document(onPage, matching.size(), page, query);
        return new HistoryDocument(list.data(), new HistoryMeta(list.meta().page(), list.meta().results(),
                history.personalDataErased()), list.links());
    }

    /** The list envelope, with whether the customer's personal data is erased (every such field then reads null). */
    record HistoryDocument(List<EntryResource> data, HistoryMeta meta, ListDocument.Links links) {
    }

    record HistoryMeta(ListDocument.Page page, ListDocument.Results results,
                       @JsonProperty("personal_data_erased") boolean personalDataErased) {
    }

    /** One entry, in the contract's spelling. */
    record EntryResource(String id, String type, @JsonProperty("occurred_at") Instant occurredAt, long sequence,
                         long position, Resource resource, EventMetadata.Actor actor,
                         @JsonProperty("request_id") String requestId, List<AuditTrail.Change> changes) {

        static EntryResource of(AuditTrail.Entry entry) {
            return new EntryResource(entry.id(), entry.type(), entry.occurredAt(), entry.sequence(), entry.position(),
                    new Resource(entry.resourceType(), entry.resourceId()), entry.actor(), entry.requestId(),
                    entry.changes());
        }
    }

    record Resource(String type, String id) {
    }
}
