package dev.patron.query.paging;

import dev.patron.contract.PageRequest;
import dev.patron.kit.web.PublicLinks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.springframework.web.util.UriComponentsBuilder;

/** Wraps one page of results in the list envelope, with page counts and links to the neighbouring pages. */
public final class Pagination {

    private Pagination() {
    }

    /**
     * @param query the request's own parameters other than paging (filter, sort), repeated in every link;
     *              absent ones are left out
     */
    public static <T> ListDocument<T> document(List<T> data, long total, PageRequest page, Map<String, String> query) {
        int limit = page.limit();
        int offset = page.offset();
        long pages = (total + limit - 1) / limit;
        // The last page a client can reach: offsets above the contract's maximum are refused. An empty list has no
        // page; its links all name the first offset.
        long lastOffset = Math.max(0, Math.min((pages - 1) * limit, (long) PageRequest.MAX_OFFSET / limit * limit));
        IntFunction<String> link = linkTo(limit, query);
        boolean hasNext = offset + limit < total && offset + limit <= PageRequest.MAX_OFFSET;
        ListDocument.Links links = new ListDocument.Links(
                link.apply(offset),
                link.apply(0),
                link.apply((int) lastOffset),
                hasNext ? link.apply(offset + limit) : null,
                offset > 0 ? link.apply(Math.max(0, offset - limit)) : null);
        ListDocument.Meta meta = new ListDocument.Meta(
                new ListDocument.Page(limit, offset, offset / limit + 1, pages),
                new ListDocument.Results(total));
        return new ListDocument<>(data, meta, links);
    }

    /** Every value goes through a URI template variable, so it is percent-encoded whatever it contains. */
    private static IntFunction<String> linkTo(int limit, Map<String, String> query) {
        return offset -> {
            UriComponentsBuilder builder = PublicLinks.toCurrentPath();
            Map<String, Object> values = new LinkedHashMap<>();
            query.forEach((name, value) -> {
                if (value != null && !value.isEmpty()) {
                    builder.queryParam(name, "{" + name + "}");
                    values.put(name, value);
                }
            });
            builder.queryParam(PageRequest.LIMIT_PARAMETER, limit).queryParam(PageRequest.OFFSET_PARAMETER, offset);
            return builder.encode().buildAndExpand(values).toUriString();
        };
    }
}
