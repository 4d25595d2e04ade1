package dev.patron.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Filters on custom customer fields at each store size: {@code GET /v2/customers?filter=eq(tier,platinum)} and
 * {@code filter=gt(score,4999):lt(score,5002)} through the API host, against the raw driver sending the query
 * Patron's customer list sends for them (the same filter on {@code customFields.<slug>}, newest first with ties by
 * {@code _id}, a page of 25, and a count only when the page is full) to the read model's current customers collection,
 * in the same run.
 * <p>
 * First the back office defines the flow {@code customers} with an integer field {@code score} and a string field
 * {@code tier}; then the store grows to each size with customers that all carry both values, added the way the other
 * phases seed (patron import, or POST /v2/customers with {@code --seed api}). Each filter selects 2 customers in
 * every 10,000 added here; both paths must find exactly the customers whose values it selects, and every call checks
 * that it got the same answer again. The phase runs last: once fields are defined, every later create or import
 * would be checked against them.
 */
final class CustomFieldsPhase {

    private static final String FLOW = "customers";
    private static final String SCORE = "score";
    private static final String TIER = "tier";
    /** Scores run from 0 to 9,999; every 10,000 consecutive customers hold each score once. */
    static final int SCORES = 10_000;
    /**
     * Prime to {@link #SCORES}, so that customer n's score, n times this modulo 10,000, visits every score once per
     * 10,000 customers in an order unrelated to when they were created.
     */
    private static final long SCORE_STRIDE = 7_919;
    static final String RARE_TIER = "platinum";
    private static final int RARE_TIER_EVERY = 5_000;
    private static final List<String> COMMON_TIERS = List.of("bronze", "silver", "gold");
    /** The range keeps scores 5,000 and 5,001: as selective as the rare tier. */
    private static final long RANGE_ABOVE = 4_999;
    private static final long RANGE_BELOW = 5_002;

    private static final String PURPOSE = "customfields";
    /** The customer list's default {@code page[limit]}: a full page makes Patron count the matches too. */
    private static final int PAGE = 25;
    private static final String CUSTOM_FIELDS = "customFields.";
    /** The customer list's default order: newest first, ties by id. */
    private static final Bson DEFAULT_ORDER = Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id"));
    /** One client for latency; four to see whether concurrent filters add up or queue behind each other. */
    private static final List<Integer> CLIENTS = List.of(1, 4);
    private static final int WARM_UP_CALLS = 30;
    private static final int MIN_CALLS = 100;
    private static final Duration MIN_TIME = Duration.ofSeconds(10);
    /**
     * After an import Patron goes on working for a while (the webhooks processor follows the log to its new end, the
     * JIT compiles): a measurement started then would time that too, so the phase waits until Patron uses less than
     * this share of one core (idle is about 1.5 %), for at most {@link #LONGEST_SETTLE}.
     */
    private static final double QUIET_CORE_SHARE = 0.05;
    private static final Duration LONGEST_SETTLE = Duration.ofMinutes(5);

    /**
     * A filter as the API takes it, the query Patron's customer list makes of it, and which custom values it
     * selects, from which the phase knows how many of its customers must match.
     */
    record Query(String filter, Bson readModelFilter, Predicate<Map<String, Object>> selects) {
    }

    static final List<Query> QUERIES = List.of(
            new Query("eq(" + TIER + "," + RARE_TIER + ")", Filters.eq(CUSTOM_FIELDS + TIER, RARE_TIER),
                    values -> RARE_TIER.equals(values.get(TIER))),
            new Query("gt(" + SCORE + "," + RANGE_ABOVE + "):lt(" + SCORE + "," + RANGE_BELOW + ")",
                    // Patron joins two terms with $and even on one field, so the baseline does too.
                    Filters.and(List.of(Filters.gt(CUSTOM_FIELDS + SCORE, RANGE_ABOVE),
                            Filters.lt(CUSTOM_FIELDS + SCORE, RANGE_BELOW))),
                    values -> (Long) values.get(SCORE) > RANGE_ABOVE && (Long) values.get(SCORE) < RANGE_BELOW));

    /**
     * How the customers with values were added to reach one size, and how long Patron then took to become quiet
     * ({@code settled} false: it had not after {@link #LONGEST_SETTLE}, and was measured anyway).
     */
    record Seeding(long customersWithValues, long added, String route, double seconds, double settleSeconds,
            boolean settled) {
    }

    /** {@code matches} is the total both paths answered; {@code rawQuery} the read-model filter the baseline sent. */
    record Row(long customers, long customersWithValues, String filter, String rawQuery, long matches, int clients,
            LoadResult api, LoadResult raw) {
    }

    record Result(List<Seeding> seeding, List<Row> rows) {
    }

    private final Seeder seeder;
    private final PatronApi api;
    private final PatronMongo mongo;
    private final PatronProcesses processes;
    private final LoadRunner runner;
    private final Report report;
    private long customersWithValues;

    CustomFieldsPhase(Seeder seeder, PatronApi api, PatronMongo mongo, PatronProcesses processes, LoadRunner runner,
            Report report) {
        this.seeder = seeder;
        this.api = api;
        this.mongo = mongo;
        this.processes = processes;
        this.runner = runner;
        this.report = report;
    }

    /** The custom values of the n-th customer added by this phase. */
    static Map<String, Object> customValues(long n) {
        String tier = n % RARE_TIER_EVERY == 0 ? RARE_TIER : COMMON_TIERS.get((int) (n % COMMON_TIERS.size()));
        return Map.of(SCORE, n * SCORE_STRIDE % SCORES, TIER, tier);
    }

    Result run(List<Long> sizes) throws IOException, InterruptedException {
        report.line("Custom fields: defining the flow " + FLOW + " with the fields " + SCORE + " (integer) and "
                + TIER + " (string)...");
        String flowId = api.createFlow(FLOW, "Bench custom fields");
        api.createField(flowId, SCORE, "Score", "integer");
        api.createField(flowId, TIER, "Tier", "string");
        List<Seeding> seeding = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (long size : sizes) {
            if (size > customersWithValues) {
                seeding.add(addCustomersWithValues(size));
            }
            rows.addAll(measure());
        }
        print(seeding, rows);
        return new Result(seeding, rows);
    }

    private Seeding addCustomersWithValues(long size) throws IOException, InterruptedException {
        long missing = size - customersWithValues;
        report.line(String.format("Custom fields: adding %,d customers with a score and a tier through %s...",
                missing, seeder.route()));
        long start = System.nanoTime();
        seeder.add(PURPOSE, customersWithValues, missing, CustomFieldsPhase::customValues);
        double seconds = (System.nanoTime() - start) / 1e9;
        customersWithValues = size;
        report.line(String.format("... %,d customers in the store after %.0f s; waiting for Patron to become quiet...",
                mongo.customerCount(), seconds));
        long settleStart = System.nanoTime();
        boolean settled = processes.awaitQuiet(QUIET_CORE_SHARE, LONGEST_SETTLE);
        double settleSeconds = (System.nanoTime() - settleStart) / 1e9;
        report.line(settled ? String.format("... quiet after %.0f s.", settleSeconds)
                : String.format("... still busy after %d s; measuring anyway.", LONGEST_SETTLE.toSeconds()));
        return new Seeding(size, missing, seeder.route(), seconds, settleSeconds, settled);
    }

    private List<Row> measure() throws IOException, InterruptedException {
        long customers = mongo.customerCount();
        // Resolved once, as Patron keeps the current generation's collection: the baseline is the query alone.
        MongoCollection<Document> readModel = mongo.readModel(PatronMongo.CUSTOMERS);
        List<Row> rows = new ArrayList<>();
        for (Query query : QUERIES) {
            long expected = LongStream.range(0, customersWithValues)
                    .filter(n -> query.selects().test(customValues(n))).count();
            PatronApi.CustomerPage answer = api.customersFiltered(query.filter());
            PatronApi.CustomerPage raw = rawPage(readModel, query.readModelFilter());
            if (!answer.equals(raw) || answer.total() != expected) {
                throw new BenchmarkFailure(query.filter() + " found " + answer + " through the API and " + raw
                        + " with the raw driver; " + expected + " customers carry values it selects");
            }
            for (int clients : CLIENTS) {
                report.line(String.format("Custom fields at %,d customers: %s, %d client(s), raw driver then API...",
                        customers, query.filter(), clients));
                LoadRunner.Plan plan = new LoadRunner.Plan(clients, WARM_UP_CALLS, MIN_CALLS, MIN_TIME);
                LoadResult rawResult = runner.measure(plan,
                        () -> expect(raw, rawPage(readModel, query.readModelFilter()), "the raw driver"));
                LoadResult apiResult = runner.measure(plan,
                        () -> expect(raw, api.customersFiltered(query.filter()), "the API"));
                rows.add(new Row(customers, customersWithValues, query.filter(),
                        query.readModelFilter().toBsonDocument().toJson(), raw.total(), clients, apiResult,
                        rawResult));
            }
        }
        return rows;
    }

    /**
     * What Patron's customer list does for a filter with the default page: the first page in the default order, and
     * a count of all matches only when the page is full (a shorter first page is the whole answer).
     */
    private static PatronApi.CustomerPage rawPage(MongoCollection<Document> readModel, Bson filter) {
        int returned = readModel.find(filter).sort(DEFAULT_ORDER).limit(PAGE).into(new ArrayList<>()).size();
        long total = returned < PAGE ? returned : readModel.countDocuments(filter);
        return new PatronApi.CustomerPage(returned, total);
    }

    private static void expect(PatronApi.CustomerPage expected, PatronApi.CustomerPage actual, String path) {
        if (!actual.equals(expected)) {
            throw new BenchmarkFailure(path + " answered " + actual + ", expected " + expected);
        }
    }

    private void print(List<Seeding> seeding, List<Row> rows) {
        MarkdownTable table = new MarkdownTable("customers", "with values", "filter", "matches", "clients",
                "API calls/s", "API p50 ms", "API p99 ms", "raw calls/s", "raw p50 ms", "raw p99 ms", "API / raw (p50)",
                "Patron CPU ms per API call", "Patron CPU ms per raw query", "peak RSS MiB (API run)");
        for (Row row : rows) {
            table.row(MarkdownTable.count(row.customers()), MarkdownTable.count(row.customersWithValues()),
                    "`" + row.filter() + "`", MarkdownTable.count(row.matches()), row.clients(),
                    MarkdownTable.rate(row.api().callsPerSecond()), MarkdownTable.amount(row.api().p50Ms()),
                    MarkdownTable.amount(row.api().p99Ms()), MarkdownTable.rate(row.raw().callsPerSecond()),
                    MarkdownTable.amount(row.raw().p50Ms()), MarkdownTable.amount(row.raw().p99Ms()),
                    MarkdownTable.ratio(row.api().p50Ms() / row.raw().p50Ms()),
                    MarkdownTable.amount(row.api().cpuMsPerCallTotal()),
                    MarkdownTable.amount(row.raw().cpuMsPerCallTotal()),
                    MarkdownTable.amount(row.api().peakRssMibTotal()));
        }
        MarkdownTable seeded = new MarkdownTable("customers with values", "added", "through", "seconds",
                "customers/s", "s until Patron was quiet");
        seeding.forEach(step -> seeded.row(MarkdownTable.count(step.customersWithValues()),
                MarkdownTable.count(step.added()), step.route(), MarkdownTable.amount(step.seconds()),
                MarkdownTable.rate(step.added() / step.seconds()),
                step.settled() ? MarkdownTable.amount(step.settleSeconds())
                        : "not within " + LONGEST_SETTLE.toSeconds()));
        report.heading("Custom fields: filters");
        report.table(String.format("Customers added with a score and a tier (until the read model showed them all),"
                + " then the wait until Patron used less than %.0f %% of one core over a second:",
                QUIET_CORE_SHARE * 100), seeded);
        report.table(String.format("GET /v2/customers?filter=... with the back-office token (default order and page"
                + " of %d) against the raw driver sending Patron's query for it to the read model's customers"
                + " collection: the same filter on customFields.<slug>, newest first, ties by _id, %d at most, a count"
                + " only when the page is full. Both answered the same matches on every call. Each row: %d warm-up"
                + " calls, then at least %d calls and %d s. CPU is that of every Patron process (the embedded server"
                + " included) over the run, per call.", PAGE, PAGE, WARM_UP_CALLS, MIN_CALLS, MIN_TIME.toSeconds()),
                table);
    }
}
