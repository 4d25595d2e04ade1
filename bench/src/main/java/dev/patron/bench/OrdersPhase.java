package dev.patron.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * Checkouts and order-history reads at each order count, each next to a raw-driver baseline in the same run:
 * <ul>
 *   <li>checkouts (a storefront puts an item in a new cart and checks it out as a guest: two requests, four commits)
 *   against the raw driver's {@code insertMany} of copies of the commit documents one checkout stores;</li>
 *   <li>{@code GET /v2/orders} with the customer token of a shopper who has {@value #HEAVY_CUSTOMER_ORDERS} orders
 *   (the first page, 25 newest), and the back office's {@code filter=eq(email,..)} among all orders, against the raw
 *   driver reading the same page the way Patron does (lookup document by {@code _id}, then {@code $in}).</li>
 * </ul>
 * The store grows to each size with guest checkouts from 8 clients.
 */
final class OrdersPhase {

    static final int HEAVY_CUSTOMER_ORDERS = 1_000;
    private static final int SEED_CLIENTS = 8;
    private static final String PASSWORD = "bench order history";
    private static final LoadRunner.Plan CHECKOUTS = new LoadRunner.Plan(8, 500, 2_000, Duration.ofSeconds(10));
    private static final LoadRunner.Plan READS = new LoadRunner.Plan(1, 200, 1_000, Duration.ofSeconds(5));
    private static final int PAGE = 25;

    record Row(long ordersAtStart, LoadResult rawCommits, LoadResult checkouts, LoadResult history,
            LoadResult rawHistory, LoadResult byEmail, LoadResult rawByEmail) {
    }

    private final PatronApi api;
    private final PatronMongo mongo;
    private final LoadRunner runner;
    private final Report report;
    private final String runTag = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong guests = new AtomicLong();

    OrdersPhase(PatronApi api, PatronMongo mongo, LoadRunner runner, Report report) {
        this.api = api;
        this.mongo = mongo;
        this.runner = runner;
        this.report = report;
    }

    List<Row> run(List<Long> sizes) throws IOException, InterruptedException {
        String heavyEmail = "heavy-" + runTag + "@bench.example";
        String heavyId = api.signUp("Heavy Shopper", heavyEmail, PASSWORD);
        report.line(String.format("Orders: giving one shopper %,d orders...", HEAVY_CUSTOMER_ORDERS));
        AtomicLong heavyOrders = new AtomicLong();
        runner.run(SEED_CLIENTS, HEAVY_CUSTOMER_ORDERS, Duration.ZERO,
                () -> api.customerCheckout("heavy-" + runTag + "-" + heavyOrders.getAndIncrement(), heavyId));
        String heavyToken = api.customerToken(heavyEmail, PASSWORD);
        List<Row> rows = new ArrayList<>();
        for (long size : sizes) {
            growTo(size);
            long ordersAtStart = mongo.orderCount();
            report.line(String.format("Orders at %,d: baselines, then checkouts and reads...", ordersAtStart));
            rows.add(measure(ordersAtStart, heavyId, heavyToken));
        }
        print(rows);
        return rows;
    }

    private void growTo(long size) {
        long missing = size - mongo.orderCount();
        if (missing <= 0) {
            return;
        }
        report.line(String.format("Growing the store by %,d guest checkouts from %d clients...", missing, SEED_CLIENTS));
        long start = System.nanoTime();
        runner.run(SEED_CLIENTS, (int) missing, Duration.ZERO, this::guestCheckout);
        report.line(String.format("... %,d orders after %.0f s", mongo.orderCount(), (System.nanoTime() - start) / 1e9));
    }

    private Row measure(long ordersAtStart, String heavyId, String heavyToken) throws IOException, InterruptedException {
        String sampleCart = "sample-" + runTag + "-" + ordersAtStart;
        String sampleOrder = api.guestCheckout(sampleCart, guestEmail(guests.getAndIncrement()));
        List<Document> commits = mongo.checkoutCommits(sampleCart, sampleOrder);
        if (commits.size() < 3) {
            throw new BenchmarkFailure("expected the commits of a checkout in the event store, found " + commits.size());
        }
        LoadResult rawCommits;
        try {
            rawCommits = runner.measure(CHECKOUTS, () -> mongo.insertScratch(commits.stream()
                    .map(commit -> new Document(commit)).toList()));
        } finally {
            mongo.dropScratch();
        }
        LoadResult checkouts = runner.measure(CHECKOUTS, this::guestCheckout);
        LoadResult history = runner.measure(READS, () -> expect(PAGE, api.orderHistoryPage(heavyToken), "history page"));
        LoadResult rawHistory = runner.measure(READS,
                () -> expect(PAGE, mongo.ordersByLookup(PatronMongo.CUSTOMER_ORDERS, heavyId, PAGE), "raw history page"));
        String someGuest = guestEmail(guests.get() / 2);
        LoadResult byEmail = runner.measure(READS, () -> expect(1, api.ordersByEmail(someGuest), "orders by email"));
        // A lookup's _id is the keyed hash of the email, which only Patron can compute; any guest's entry (one order,
        // like someGuest's) costs the same.
        String someGuestsKey = mongo.someLookupKey(PatronMongo.ORDER_EMAILS);
        LoadResult rawByEmail = runner.measure(READS,
                () -> expect(1, mongo.ordersByLookup(PatronMongo.ORDER_EMAILS, someGuestsKey, PAGE), "raw orders by email"));
        return new Row(ordersAtStart, rawCommits, checkouts, history, rawHistory, byEmail, rawByEmail);
    }

    private void guestCheckout() throws IOException, InterruptedException {
        long n = guests.getAndIncrement();
        api.guestCheckout("guest-" + runTag + "-" + n, guestEmail(n));
    }

    private String guestEmail(long n) {
        return "guest-" + n + "-" + runTag + "@bench.example";
    }

    private static void expect(int expected, int actual, String what) {
        if (actual != expected) {
            throw new BenchmarkFailure(what + " held " + actual + " orders, expected " + expected);
        }
    }

    private void print(List<Row> rows) {
        MarkdownTable writes = new MarkdownTable("orders at start", "checkouts/s (8 clients)", "p50 ms", "p99 ms",
                "raw insertMany of its commits/s", "checkouts / raw", "CPU ms per checkout (all Patron processes)");
        MarkdownTable reads = new MarkdownTable("orders at start", "read", "p50 ms", "p99 ms", "raw driver p50 ms",
                "raw driver p99 ms", "Patron / raw (p50)");
        for (Row row : rows) {
            writes.row(String.format("%,d", row.ordersAtStart()), MarkdownTable.rate(row.checkouts().callsPerSecond()),
                    MarkdownTable.amount(row.checkouts().p50Ms()), MarkdownTable.amount(row.checkouts().p99Ms()),
                    MarkdownTable.rate(row.rawCommits().callsPerSecond()),
                    MarkdownTable.ratio(row.checkouts().callsPerSecond() / row.rawCommits().callsPerSecond()),
                    MarkdownTable.amount(row.checkouts().cpuMsPerCallTotal()));
            readRow(reads, row.ordersAtStart(), "shopper's history, first page (" + HEAVY_CUSTOMER_ORDERS + " orders)",
                    row.history(), row.rawHistory());
            readRow(reads, row.ordersAtStart(), "back office eq(email) among all orders", row.byEmail(),
                    row.rawByEmail());
        }
        report.heading("Orders");
        report.table(String.format("A checkout is two requests (an item into a new cart, then a guest checkout). "
                + "Each row: %d warm-up calls, then at least %,d calls and %d s.", CHECKOUTS.warmUpCalls(),
                CHECKOUTS.minCalls(), CHECKOUTS.minTime().toSeconds()), writes);
        report.table(String.format("One client; %d warm-up calls, then at least %,d calls and %d s. The raw driver "
                + "reads the same page as Patron does: the lookup document by _id, then $in on _id.",
                READS.warmUpCalls(), READS.minCalls(), READS.minTime().toSeconds()), reads);
    }

    private static void readRow(MarkdownTable table, long ordersAtStart, String what, LoadResult patron,
                                LoadResult raw) {
        table.row(String.format("%,d", ordersAtStart), what, MarkdownTable.amount(patron.p50Ms()),
                MarkdownTable.amount(patron.p99Ms()), MarkdownTable.amount(raw.p50Ms()),
                MarkdownTable.amount(raw.p99Ms()), MarkdownTable.ratio(patron.p50Ms() / raw.p50Ms()));
    }
}
