package dev.patron.query.feed;

import java.util.List;

/** A page of the feed: {@code {"data":[...],"meta":{"cursor":P},"links":{"next":".../v2/events?after=P&limit=N"}}}. */
record FeedDocument(List<FeedEvent> data, Meta meta, Links links) {

    /** @param cursor the position to resume from: every observable event up to it is on this page or an earlier one */
    record Meta(long cursor) {
    }

    /** {@code next} is always there: the feed has no last page, a consumer that is caught up asks again later. */
    record Links(String next) {
    }
}
