package dev.patron.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The event feed walked by one consumer: {@code GET /v2/events} page after page with the cursor, from the start of the
 * log to its end and round again, at {@code limit} 100 and 1,000, against the raw driver reading the same windows of
 * the log the way the event store does ({@code $in} on {@code globalIndexes} over as many indexes as a page) in the
 * same run. The store is the largest {@code --sizes}, seeded like the other phases.
 */
final class FeedPhase {

    private static final List<Integer> LIMITS = List.of(100, 1_000);
    private static final LoadRunner.Plan WALK = new LoadRunner.Plan(1, 50, 200, Duration.ofSeconds(10));

    /** The events per page are averaged over every page either walker read, warm-up included. */
    record Row(int limit, long head, int walks, LoadResult feed, double feedEventsPerPage, LoadResult raw,
            double rawEventsPerPage) {
    }

    private final Seeder seeder;
    private final PatronApi api;
    private final PatronMongo mongo;
    private final LoadRunner runner;
    private final Report report;

    FeedPhase(Seeder seeder, PatronApi api, PatronMongo mongo, LoadRunner runner, Report report) {
        this.seeder = seeder;
        this.api = api;
        this.mongo = mongo;
        this.runner = runner;
        this.report = report;
    }

    List<Row> run(long customers) throws IOException, InterruptedException {
        seeder.growTo(customers);
        long head = mongo.reservedHead();
        List<Row> rows = new ArrayList<>();
        for (int limit : LIMITS) {
            report.line(String.format("Feed: walking %,d global indexes, %,d a page...", head, limit));
            FeedWalker feed = new FeedWalker(limit);
            LoadResult feedResult = runner.measure(WALK, feed::nextPage);
            RawWalker raw = new RawWalker(limit, head);
            LoadResult rawResult = runner.measure(WALK, raw::nextPage);
            rows.add(new Row(limit, head, feed.walks, feedResult, (double) feed.events / feed.pages, rawResult,
                    (double) raw.events / raw.pages));
        }
        print(rows);
        return rows;
    }

    /** A consumer that follows the cursor and starts over once it stops moving (the end of the log). */
    private final class FeedWalker {
        private final int limit;
        private long cursor;
        private long pages;
        private long events;
        private int walks;

        FeedWalker(int limit) {
            this.limit = limit;
        }

        void nextPage() throws IOException, InterruptedException {
            PatronApi.FeedPage page = api.feedPage(cursor, limit);
            pages++;
            events += page.events();
            if (page.cursor() == cursor) {
                cursor = 0;
                walks++;
            } else {
                cursor = page.cursor();
            }
        }
    }

    /** The raw driver reading the same windows of indexes, from the first to the head and round again. */
    private final class RawWalker {
        private final int limit;
        private final long head;
        private long next = 1;
        private long pages;
        private long events;

        RawWalker(int limit, long head) {
            this.limit = limit;
            this.head = head;
        }

        void nextPage() {
            pages++;
            events += mongo.eventsAt(next, limit);
            next = next + limit > head ? 1 : next + limit;
        }
    }

    private void print(List<Row> rows) {
        MarkdownTable table = new MarkdownTable("global indexes", "limit", "walks", "feed pages/s", "p50 ms", "p99 ms",
                "observable events/s", "raw $in pages/s", "raw p50 ms", "raw events/s", "feed / raw (pages)",
                "CPU ms per page (all Patron processes)");
        for (Row row : rows) {
            table.row(MarkdownTable.count(row.head()), String.valueOf(row.limit()), String.valueOf(row.walks()),
                    MarkdownTable.rate(row.feed().callsPerSecond()), MarkdownTable.amount(row.feed().p50Ms()),
                    MarkdownTable.amount(row.feed().p99Ms()),
                    MarkdownTable.rate(row.feed().callsPerSecond() * row.feedEventsPerPage()),
                    MarkdownTable.rate(row.raw().callsPerSecond()), MarkdownTable.amount(row.raw().p50Ms()),
                    MarkdownTable.rate(row.raw().callsPerSecond() * row.rawEventsPerPage()),
                    MarkdownTable.ratio(row.feed().callsPerSecond() / row.raw().callsPerSecond()),
                    MarkdownTable.amount(row.feed().cpuMsPerCallTotal()));
        }
        report.heading("Event feed");
        report.table(String.format("One client walking the whole log with the cursor, round and round; %d warm-up "
                + "pages, then at least %,d pages and %d s. The raw driver reads the same windows of global indexes "
                + "with one $in each, as the event store does, without decrypting, mapping or HTTP.",
                WALK.warmUpCalls(), WALK.minCalls(), WALK.minTime().toSeconds()), table);
    }
}
