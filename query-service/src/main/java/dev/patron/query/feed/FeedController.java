package dev.patron.query.feed;

import dev.patron.contract.ApiException;
import dev.patron.kit.web.PublicLinks;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/events?after=P&limit=N}: the ordered feed of observable events for downstream consumers, back office
 * only (the access policy lists no other caller). A consumer resumes with {@code meta.cursor}, or follows
 * {@code links.next}, and sees every observable event once, in position order.
 */
@RestController
class FeedController {

    static final String AFTER = "after";
    static final String LIMIT = "limit";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final EventFeed feed;

    FeedController(EventFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/v2/events")
    FeedDocument events(@RequestParam(name = AFTER, required = false) String after,
                        @RequestParam(name = LIMIT, required = false) String limit) {
        long position = bounded(after, AFTER, 0, 0, Long.MAX_VALUE);
        int size = (int) bounded(limit, LIMIT, DEFAULT_LIMIT, 1, MAX_LIMIT);
        EventFeed.Page page = feed.after(position, size);
        String next = PublicLinks.toCurrentPath().queryParam(AFTER, page.cursor()).queryParam(LIMIT, size)
                .toUriString();
        return new FeedDocument(page.events(), new FeedDocument.Meta(page.cursor()), new FeedDocument.Links(next));
    }

    private static long bounded(String text, String parameter, long absent, long min, long max) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notAnInteger) {
            // answered below, like a number out of range
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, max == Long.MAX_VALUE
                ? parameter + " must be a whole number from " + min
                : parameter + " must be a whole number from " + min + " to " + max, parameter);
    }
}
