package dev.patron.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.bench.CrashCommand.Outcome;
import dev.patron.bench.PatronApi.Answer;
import dev.patron.bench.PatronApi.Caller;
import dev.patron.bench.PatronMongo.StoredEvent;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the crash test checks once every process is back and the projection has caught up. First every command
 * against the event log, tied by the request id that each answer carries ({@code X-Request-Id}) and each event keeps
 * in its metadata: a confirmed command stored exactly once, a refused one not at all, one of unknown outcome once or
 * not at all. Events whose request id no answer carried can only come from commands that got no answer from a
 * service; they are matched to those by kind and target (the customer, address, cart or order acted on). Then the log
 * against the read models, through the API: every customer, address, order and cart item the log holds is shown
 * exactly once with its latest stored content (each command's values carry its number), the email and
 * customer-order lookups find exactly what the log says, and nothing is shown that the log does not hold.
 */
final class CrashCheck {

    private static final int PAGE = 100;
    private static final int PROBLEMS_SHOWN = 40;
    private static final String BY_CUSTOMER = "customerId";

    private final List<CrashCommand> commands;
    private final List<StoredEvent> events;
    private final PatronApi api;
    private final Report report;
    private final Map<CrashCommandType, TypeFigures> byType = new EnumMap<>(CrashCommandType.class);
    private final Map<String, ReadModelFigures> readModels = new LinkedHashMap<>();
    /** For each event, the commands that may have stored it; empty for an event no command of the test explains. */
    private final Map<StoredEvent, List<CrashCommand>> sources = new IdentityHashMap<>();
    /** Each aggregate's events in sequence order. */
    private final Map<String, List<StoredEvent>> streams;
    private final List<String> problems = new ArrayList<>();
    private long lost;
    private long duplicated;
    private long phantom;
    /** Events of no request, or of a request whose events no command of the test stores. */
    private long unexplained;

    CrashCheck(List<CrashCommand> commands, List<StoredEvent> events, PatronApi api, Report report) {
        this.commands = commands;
        this.events = events;
        this.api = api;
        this.report = report;
        for (CrashCommandType type : CrashCommandType.values()) {
            byType.put(type, new TypeFigures());
        }
        this.streams = events.stream()
                .sorted(Comparator.comparingLong(StoredEvent::sequence))
                .collect(Collectors.groupingBy(StoredEvent::aggregateId, TreeMap::new, Collectors.toList()));
    }

    /** Runs every check and prints the figures; true when nothing was lost, duplicated or made up. */
    boolean run() throws IOException, InterruptedException {
        checkLog();
        checkCommands();
        Map<String, String> holders = checkCustomers();
        checkEmailLookup(holders);
        checkAddresses();
        checkOrders();
        checkCartItems();
        print();
        return lost == 0 && duplicated == 0 && phantom == 0;
    }

    /** No global index and no aggregate sequence number is given to two events. */
    private void checkLog() {
        Set<Long> indexes = new HashSet<>();
        Set<String> sequenceKeys = new HashSet<>();
        for (StoredEvent event : events) {
            if (!indexes.add(event.globalIndex())) {
                duplicated++;
                problem("global index " + event.globalIndex() + " is held by two events");
            }
            if (!sequenceKeys.add(event.aggregateId() + ":" + event.sequence())) {
                duplicated++;
                problem("sequence number " + event.sequence() + " of " + event.aggregateId() + " is stored twice");
            }
        }
    }

    private void checkCommands() {
        Map<String, List<StoredEvent>> byRequest = new LinkedHashMap<>();
        for (StoredEvent event : events) {
            if (event.requestId() == null) {
                phantom++;
                unexplained++;
                sources.put(event, List.of());
                problem(event.type() + " at " + event.globalIndex() + " carries no request id");
            } else {
                byRequest.computeIfAbsent(event.requestId(), id -> new ArrayList<>()).add(event);
            }
        }
        Map<String, List<CrashCommand>> unanswered = new HashMap<>();
        for (CrashCommand command : commands) {
            TypeFigures figures = byType.get(command.type());
            figures.sent++;
            Outcome outcome = command.outcome();
            switch (outcome) {
                case CONFIRMED -> figures.confirmed++;
                case REFUSED -> figures.refused++;
                case UNKNOWN -> {
                    if (command.requestId() == null) {
                        figures.unanswered++;
                    } else {
                        figures.unknownAnswered++;
                    }
                }
            }
            if (command.requestId() == null) {
                // No service answered: only the gateway did (a 5xx), or nobody. Matched by kind and target below.
                unanswered.computeIfAbsent(key(command.type(), command.target()), key -> new ArrayList<>()).add(command);
                continue;
            }
            List<StoredEvent> stored = byRequest.getOrDefault(command.requestId(), List.of());
            byRequest.remove(command.requestId());
            stored.forEach(event -> sources.put(event, List.of(command)));
            judge(command, outcome, Stored.of(command.type(), stored));
        }
        judgeEventsOfUnansweredCommands(byRequest, unanswered);
    }

    private void judge(CrashCommand command, Outcome outcome, Stored stored) {
        TypeFigures figures = byType.get(command.type());
        String what = "command " + command.number() + " (" + command.type() + ", " + outcome + " " + command.status()
                + ", request " + command.requestId() + ")";
        switch (stored) {
            case TWICE -> {
                figures.duplicated++;
                duplicated++;
                problem(what + " is stored more than once");
            }
            case PART -> {
                figures.lost++;
                lost++;
                problem(what + " is stored in part");
            }
            case FOREIGN -> {
                figures.phantom++;
                phantom++;
                problem(what + " stored events it does not store");
            }
            case ONCE, NOTHING -> {
                boolean happened = stored == Stored.ONCE || command.type().events().isEmpty();
                switch (outcome) {
                    case CONFIRMED -> {
                        if (happened) {
                            figures.storedOnce++;
                        } else {
                            figures.lost++;
                            lost++;
                            problem(what + " was acknowledged but is not stored");
                        }
                    }
                    case REFUSED -> {
                        if (stored == Stored.ONCE) {
                            figures.refusedStored++;
                            phantom++;
                            problem(what + " was refused but is stored");
                        }
                    }
                    case UNKNOWN -> {
                        if (stored == Stored.ONCE) {
                            figures.unknownStored++;
                        } else {
                            figures.unknownNotStored++;
                        }
                    }
                }
            }
        }
    }

    /**
     * The events left carry request ids no answer did. Each such request must be one of the commands that got no
     * answer from a service, of the kind its events are and on the same target; more of them than such commands is
     * a write nobody sent (or one sent once and stored twice).
     */
    private void judgeEventsOfUnansweredCommands(Map<String, List<StoredEvent>> byRequest,
            Map<String, List<CrashCommand>> unanswered) {
        Map<String, Integer> matched = new HashMap<>();
        byRequest.forEach((requestId, stored) -> {
            Optional<CrashCommandType> kind = kindOf(stored);
            if (kind.isEmpty()) {
                phantom++;
                unexplained += stored.size();
                stored.forEach(event -> sources.put(event, List.of()));
                problem("request " + requestId + " stored " + types(stored) + ", which no command of the test stores");
                return;
            }
            String key = key(kind.get(), targetOf(kind.get(), stored));
            List<CrashCommand> candidates = unanswered.getOrDefault(key, List.of());
            int taken = matched.merge(key, 1, Integer::sum);
            TypeFigures figures = byType.get(kind.get());
            if (taken > candidates.size()) {
                figures.phantom++;
                phantom++;
                stored.forEach(event -> sources.put(event, List.of()));
                problem("request " + requestId + " stored " + types(stored) + " on " + key
                        + ", more than the unanswered commands there could have");
                return;
            }
            stored.forEach(event -> sources.put(event, candidates));
            switch (Stored.of(kind.get(), stored)) {
                case TWICE -> {
                    figures.duplicated++;
                    duplicated++;
                    problem("request " + requestId + " (unanswered) is stored more than once: " + types(stored));
                }
                case PART -> {
                    figures.lost++;
                    lost++;
                    problem("request " + requestId + " (unanswered) is stored in part: " + types(stored));
                }
                default -> figures.unknownStored++;
            }
        });
        unanswered.forEach((key, candidates) -> {
            int notStored = candidates.size() - matched.getOrDefault(key, 0);
            if (notStored > 0) {
                byType.get(candidates.get(0).type()).unknownNotStored += notStored;
            }
        });
    }

    /** The customers the log holds, each shown once with its latest stored name and email; returns email → id. */
    private Map<String, String> checkCustomers() throws IOException, InterruptedException {
        ReadModelFigures figures = readModel("customers");
        Set<String> stored = aggregatesWith("CustomerCreated");
        List<JsonNode> listed = listAll("/v2/customers?sort=id");
        Set<String> shownOnce = compare(figures, "the customer list", stored, ids(listed));
        Map<String, String> holders = new HashMap<>();
        for (String customer : shownOnce) {
            JsonNode shown = get("/v2/customers/" + customer);
            List<StoredEvent> details = streamOf(customer, "CustomerCreated", "CustomerUpdated");
            Set<String> names = valuesOf(details.get(details.size() - 1), CrashCommand::name);
            Set<String> emails = latestValues(details, CrashCommand::email);
            if (shown == null) {
                stale(figures, "customer " + customer + " is listed but not found by its id");
                continue;
            }
            String name = shown.at("/data/name").asText();
            String email = shown.at("/data/email").asText();
            if (!names.isEmpty() && !names.contains(name) || !emails.isEmpty() && !emails.contains(email)) {
                stale(figures, "customer " + customer + " shows " + name + " <" + email + ">, the log says one of "
                        + names + " " + emails);
            } else {
                holders.put(email.toLowerCase(Locale.ROOT), customer);
            }
        }
        return holders;
    }

    /** Every email any command sent finds exactly the customer that holds it now, or nobody. */
    private void checkEmailLookup(Map<String, String> holders) throws IOException, InterruptedException {
        ReadModelFigures figures = readModel("customers by email");
        Set<String> emails = new LinkedHashSet<>();
        for (CrashCommand command : commands) {
            if (command.email() != null && command.type() != CrashCommandType.SIGN_IN
                    && command.type() != CrashCommandType.WRONG_PASSWORD) {
                emails.add(command.email().toLowerCase(Locale.ROOT));
            }
        }
        for (String email : emails) {
            List<JsonNode> found = listAll("/v2/customers?filter=" + encode("eq(email," + email + ")"));
            String holder = holders.get(email);
            compare(figures, "eq(email," + email + ")", holder == null ? Set.of() : Set.of(holder), ids(found));
        }
    }

    /** Each stored customer lists exactly the addresses the log has created and not deleted, as last stored. */
    private void checkAddresses() throws IOException, InterruptedException {
        ReadModelFigures figures = readModel("addresses");
        Map<String, Set<String>> live = new HashMap<>();
        for (String address : aggregatesWith("AddressCreated")) {
            if (streamOf(address, "AddressDeleted").isEmpty()) {
                String customer = streamOf(address, "AddressCreated").get(0).payloadText(BY_CUSTOMER);
                live.computeIfAbsent(customer, id -> new HashSet<>()).add(address);
            }
        }
        for (String customer : aggregatesWith("CustomerCreated")) {
            List<JsonNode> listed = listAll("/v2/customers/" + customer + "/addresses?sort=id");
            Map<String, String> lines = listed.stream()
                    .collect(Collectors.toMap(address -> address.path("id").asText(),
                            address -> address.path("line_1").asText(), (one, other) -> one));
            for (String address : compare(figures, "the addresses of " + customer,
                    live.getOrDefault(customer, Set.of()), ids(listed))) {
                List<StoredEvent> changes = streamOf(address, "AddressCreated", "AddressUpdated");
                Set<String> expected = valuesOf(changes.get(changes.size() - 1), CrashCommand::line1);
                if (!expected.isEmpty() && !expected.contains(lines.get(address))) {
                    stale(figures, "address " + address + " shows " + lines.get(address) + ", the log says one of "
                            + expected);
                }
            }
        }
    }

    /** Every order once, paid exactly when the log says so and linked to its customer; each customer's history. */
    private void checkOrders() throws IOException, InterruptedException {
        ReadModelFigures figures = readModel("orders");
        Set<String> stored = aggregatesWith("OrderPlaced");
        Set<String> paid = aggregatesWith("OrderPaid");
        List<JsonNode> listed = listAll("/v2/orders");
        Map<String, JsonNode> byId = listed.stream()
                .collect(Collectors.toMap(order -> order.path("id").asText(), order -> order, (one, other) -> one));
        Map<String, Set<String>> ofCustomer = new HashMap<>();
        for (String order : stored) {
            String customer = streamOf(order, "OrderPlaced").get(0).payloadText(BY_CUSTOMER);
            ofCustomer.computeIfAbsent(customer, id -> new HashSet<>()).add(order);
        }
        for (String order : compare(figures, "the order list", stored, ids(listed))) {
            JsonNode shown = byId.get(order);
            String payment = paid.contains(order) ? "paid" : "unpaid";
            String customer = streamOf(order, "OrderPlaced").get(0).payloadText(BY_CUSTOMER);
            if (!payment.equals(shown.path("payment").asText())
                    || !customer.equals(shown.at("/relationships/customer/data/id").asText())) {
                stale(figures, "order " + order + " shows " + shown.path("payment").asText() + " for "
                        + shown.at("/relationships/customer/data/id").asText() + ", the log says " + payment
                        + " for " + customer);
            }
        }
        ReadModelFigures history = readModel("orders by customer");
        for (String customer : aggregatesWith("CustomerCreated")) {
            List<JsonNode> found = listAll("/v2/orders?filter=" + encode("eq(customer_id," + customer + ")"));
            compare(history, "the orders of " + customer, ofCustomer.getOrDefault(customer, Set.of()), ids(found));
        }
    }

    /** Each cart the test used lists exactly the items the log added since its last checkout. */
    private void checkCartItems() throws IOException, InterruptedException {
        ReadModelFigures figures = readModel("cart items");
        Set<String> carts = new TreeSet<>();
        commands.stream().map(CrashCommand::cartReference).filter(Objects::nonNull).forEach(carts::add);
        for (String cart : carts) {
            Set<String> expected = new HashSet<>();
            for (StoredEvent event : streams.getOrDefault("cart:" + cart, List.of())) {
                if (event.type().equals("CartCheckedOut")) {
                    expected.clear();
                } else if (event.type().equals("CartItemAdded")) {
                    expected.add(event.payloadText("itemId"));
                }
            }
            JsonNode shown = get("/v2/carts/" + cart + "/items");
            List<String> listed = new ArrayList<>();
            if (shown != null) {
                shown.path("data").forEach(item -> listed.add(item.path("id").asText()));
            }
            compare(figures, "cart " + cart, expected, listed);
        }
    }

    /**
     * Sends every sign-up whose outcome was unknown again, as its client would once Patron answers: each must now
     * create the customer (201), or find that its first attempt did (409, and the address then finds exactly one
     * customer). A 409 for an address nobody holds means a crash left the address reserved for a customer that was
     * never stored, and whoever signs up with it is refused for good. Run after the other checks, as it writes.
     *
     * @return true when no retried sign-up was refused for an address nobody holds
     */
    boolean retryUnknownSignUps() throws IOException, InterruptedException {
        int created = 0;
        int storedBefore = 0;
        List<String> stranded = new ArrayList<>();
        for (CrashCommand signUp : commands) {
            if (signUp.type() != CrashCommandType.SIGN_UP || signUp.outcome() != Outcome.UNKNOWN) {
                continue;
            }
            Answer answer = api.call("POST", "/v2/customers", Map.of("type", "customer", "name", signUp.name(),
                    "email", signUp.email()), Caller.STOREFRONT);
            if (answer.status() == 201) {
                created++;
            } else if (answer.status() == 409 && listAll("/v2/customers?filter="
                    + encode("eq(email," + signUp.email() + ")")).size() == 1) {
                storedBefore++;
            } else {
                stranded.add("the retried sign-up of command " + signUp.number() + " was answered "
                        + answer.status() + ", and no customer holds its address");
            }
        }
        report.heading("Sign-ups of unknown outcome, retried");
        report.table("Each sent again with the same address once every process was back.",
                new MarkdownTable("retried", "created now (201)", "created the first time (409, one holder)",
                        "refused, with nobody holding the address")
                        .row(created + storedBefore + stranded.size(), created, storedBefore, stranded.size()));
        stranded.stream().limit(PROBLEMS_SHOWN).forEach(problem -> report.line("- " + problem));
        return stranded.isEmpty();
    }

    /**
     * Counts, for one read model, the ids the log says it should hold against those it shows: each exactly once,
     * missing (lost), more than once (duplicated), or shown without being in the log (phantom). Returns the ids shown
     * exactly once, whose content the caller checks.
     */
    private Set<String> compare(ReadModelFigures figures, String where, Collection<String> expected,
            List<String> shown) {
        Map<String, Long> counts = shown.stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
        Set<String> once = new LinkedHashSet<>();
        for (String id : expected) {
            figures.expected++;
            long times = counts.getOrDefault(id, 0L);
            if (times == 0) {
                figures.lost++;
                lost++;
                problem(where + " lacks " + id);
            } else if (times > 1) {
                figures.duplicated++;
                duplicated++;
                problem(where + " shows " + id + " " + times + " times");
            } else {
                figures.once++;
                once.add(id);
            }
        }
        for (String id : counts.keySet()) {
            if (!expected.contains(id)) {
                figures.phantom++;
                phantom++;
                problem(where + " shows " + id + ", which the log does not hold there");
            }
        }
        return once;
    }

    /** Shown once, but not as last stored: the last write to it was lost on the way to the read model. */
    private void stale(ReadModelFigures figures, String problem) {
        figures.once--;
        figures.stale++;
        lost++;
        problem(problem);
    }

    /** The values the commands that may have stored {@code event} set ({@code name}, {@code line1}, ...). */
    private Set<String> valuesOf(StoredEvent event, Function<CrashCommand, String> value) {
        return sources.getOrDefault(event, List.of()).stream().map(value).filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    /** The values of the last of {@code changes} whose commands set such a value (an update may keep the email). */
    private Set<String> latestValues(List<StoredEvent> changes, Function<CrashCommand, String> value) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            Set<String> values = valuesOf(changes.get(i), value);
            if (!values.isEmpty()) {
                return values;
            }
        }
        return Set.of();
    }

    private Set<String> aggregatesWith(String type) {
        Set<String> aggregates = new LinkedHashSet<>();
        streams.forEach((aggregate, stream) -> {
            if (stream.stream().anyMatch(event -> event.type().equals(type))) {
                aggregates.add(aggregate);
            }
        });
        return aggregates;
    }

    private List<StoredEvent> streamOf(String aggregate, String... types) {
        Set<String> wanted = Set.of(types);
        return streams.getOrDefault(aggregate, List.of()).stream().filter(event -> wanted.contains(event.type()))
                .toList();
    }

    /** Every entry of a list, page by page ({@code page[limit]} 100). */
    private List<JsonNode> listAll(String path) throws IOException, InterruptedException {
        List<JsonNode> entries = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = get(path + separator + "page%5Blimit%5D=" + PAGE + "&page%5Boffset%5D=" + offset);
            if (page == null) {
                return entries;
            }
            page.path("data").forEach(entries::add);
            if (page.path("data").size() < PAGE) {
                return entries;
            }
        }
    }

    /** A read with the back-office token: the body of a 200, null for a 404; anything else ends the check. */
    private JsonNode get(String path) throws IOException, InterruptedException {
        Answer answer = api.call("GET", path, null, Caller.BACK_OFFICE);
        if (answer.status() == 404) {
            return null;
        }
        if (answer.status() != 200 || answer.body() == null) {
            throw new BenchmarkFailure("GET " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    private static List<String> ids(List<JsonNode> resources) {
        return resources.stream().map(resource -> resource.path("id").asText()).toList();
    }

    /** Which kind of command stores these events (one request's), if any. */
    private static Optional<CrashCommandType> kindOf(List<StoredEvent> stored) {
        for (CrashCommandType type : CrashCommandType.values()) {
            if (stored.stream().allMatch(event -> type.mayStore(event.type()))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** What one request's events acted on, as {@link CrashCommand#target} names it. */
    private static String targetOf(CrashCommandType type, List<StoredEvent> stored) {
        StoredEvent first = stored.get(0);
        return switch (type) {
            case SIGN_UP -> "";
            case UPDATE_CUSTOMER, SIGN_IN, WRONG_PASSWORD, UPDATE_ADDRESS, DELETE_ADDRESS, PAY_ORDER ->
                    first.aggregateId();
            case CREATE_ADDRESS -> first.payloadText(BY_CUSTOMER);
            case ADD_CART_ITEM, CHECK_OUT -> first.payloadText("cartReference");
        };
    }

    private static String key(CrashCommandType type, String target) {
        return type + " " + target;
    }

    private static String types(List<StoredEvent> stored) {
        return stored.stream().map(StoredEvent::type).toList().toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private ReadModelFigures readModel(String name) {
        return readModels.computeIfAbsent(name, key -> new ReadModelFigures());
    }

    private void problem(String problem) {
        problems.add(problem);
    }

    private void print() {
        report.heading("Commands");
        MarkdownTable sent = new MarkdownTable("command", "sent", "acknowledged", "refused (4xx)",
                "unknown: 5xx with a request id", "unknown: no answer from a service");
        TypeFigures all = new TypeFigures();
        byType.forEach((type, figures) -> {
            sent.row(type.name().toLowerCase(Locale.ROOT), figures.sent, figures.confirmed, figures.refused,
                    figures.unknownAnswered, figures.unanswered);
            all.add(figures);
        });
        sent.row("all", all.sent, all.confirmed, all.refused, all.unknownAnswered, all.unanswered);
        report.table("Acknowledged: answered 2xx, or 401 for a sign-in with a wrong password. Unknown: a 5xx or no "
                + "answer at all (connection dropped or timed out).", sent);

        report.heading("Event store");
        MarkdownTable stored = new MarkdownTable("command", "acknowledged, stored once", "acknowledged, lost",
                "duplicated", "refused, yet stored", "unknown, stored once", "unknown, not stored",
                "phantom (stored, sent by nobody)");
        byType.forEach((type, figures) -> stored.row(type.name().toLowerCase(Locale.ROOT), figures.storedOnce,
                figures.lost, figures.duplicated, figures.refusedStored, figures.unknownStored,
                figures.unknownNotStored, figures.phantom));
        stored.row("all", all.storedOnce, all.lost, all.duplicated, all.refusedStored, all.unknownStored,
                all.unknownNotStored, all.phantom);
        report.table(String.format(Locale.ROOT, "%,d events in the log; %d of them of no command of the test. Stored "
                + "once: the events the command stores, each exactly once under its request id.", events.size(),
                unexplained), stored);

        report.heading("Read models");
        MarkdownTable projected = new MarkdownTable("read model (through the API)", "expected from the log",
                "exactly once", "lost", "duplicated", "phantom", "stale");
        readModels.forEach((name, figures) -> projected.row(name, figures.expected, figures.once, figures.lost,
                figures.duplicated, figures.phantom, figures.stale));
        report.table("Stale: shown once but not as last stored (a lost update).", projected);

        report.line(String.format(Locale.ROOT, "Lost: %d, duplicated: %d, phantom: %d", lost, duplicated, phantom));
        if (!problems.isEmpty()) {
            report.line("");
            report.line("Problems" + (problems.size() > PROBLEMS_SHOWN ? " (the first " + PROBLEMS_SHOWN + " of "
                    + problems.size() + ")" : "") + ":");
            problems.stream().limit(PROBLEMS_SHOWN).forEach(problem -> report.line("- " + problem));
        }
    }

    /** How one request's events compare with what its kind of command stores. */
    private enum Stored {
        NOTHING, ONCE, TWICE, PART, FOREIGN;

        static Stored of(CrashCommandType type, List<StoredEvent> stored) {
            Map<String, Long> counts = stored.stream().collect(Collectors.groupingBy(StoredEvent::type,
                    Collectors.counting()));
            if (counts.keySet().stream().anyMatch(eventType -> !type.mayStore(eventType))) {
                return FOREIGN;
            }
            if (counts.values().stream().anyMatch(count -> count > 1)) {
                return TWICE;
            }
            if (counts.isEmpty()) {
                return NOTHING;
            }
            return counts.keySet().containsAll(type.events()) ? ONCE : PART;
        }
    }

    private static final class TypeFigures {
        long sent;
        long confirmed;
        long refused;
        long unknownAnswered;
        long unanswered;
        long storedOnce;
        long lost;
        long duplicated;
        long refusedStored;
        long phantom;
        long unknownStored;
        long unknownNotStored;

        void add(TypeFigures other) {
            sent += other.sent;
            confirmed += other.confirmed;
            refused += other.refused;
            unknownAnswered += other.unknownAnswered;
            unanswered += other.unanswered;
            storedOnce += other.storedOnce;
            lost += other.lost;
            duplicated += other.duplicated;
            refusedStored += other.refusedStored;
            phantom += other.phantom;
            unknownStored += other.unknownStored;
            unknownNotStored += other.unknownNotStored;
        }
    }

    private static final class ReadModelFigures {
        long expected;
        long once;
        long lost;
        long duplicated;
        long phantom;
        long stale;
    }
}
