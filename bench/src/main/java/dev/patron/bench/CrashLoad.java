package dev.patron.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.bench.PatronApi.Answer;
import dev.patron.bench.PatronApi.Caller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The crash test's clients: each a thread with its own shoppers, sending a seeded random mix of commands through the
 * API host one after the other, and recording every command and its answer. A client acts only on what a confirmed
 * answer told it (a customer it signed up, an address it created, an order it placed), as a shop would.
 * <p>
 * Nothing is retried: a command whose answer never came is recorded as such and the client moves on. (Of these
 * commands only the PUTs would be safe to repeat, since sending the same values again stores nothing; the test
 * leaves them alone too, so that every answer belongs to exactly one attempt.) After an answer that leaves the outcome
 * unknown, the client pauses before its next command, longer each time in a row, as a client facing a service that is
 * down would, rather than spend its commands while a killed process restarts.
 */
final class CrashLoad {

    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long LONGEST_PAUSE_MILLIS = 4_000;
    private static final Map<String, Object> ADDRESS = Map.of("first_name", "Ron", "last_name", "Swanson",
            "line_1", "1 Sycamore Lane", "city", "Pawnee", "postcode", "47998", "country", "US");

    private final PatronApi api;
    private final int commands;
    private final int clients;
    private final long seed;
    private final KillGate gate;
    private final AtomicInteger issued = new AtomicInteger();

    CrashLoad(PatronApi api, int commands, int clients, long seed, KillGate gate) {
        this.api = api;
        this.commands = commands;
        this.clients = clients;
        this.seed = seed;
        this.gate = gate;
    }

    /** How many commands have been taken so far, sent or waiting at the gate (the kill schedule follows it). */
    int issued() {
        return Math.min(issued.get(), commands);
    }

    /** Runs every client until all commands are sent; returns them, answered, in the order they were numbered. */
    List<CrashCommand> run() throws InterruptedException {
        List<CrashCommand> sent = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int client = 0; client < clients; client++) {
            Client shopFront = new Client(new Random(seed + client), sent);
            Thread thread = new Thread(() -> {
                try {
                    shopFront.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "crash-client-" + client);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new BenchmarkFailure("a crash-test client failed: " + failures.get(0), failures.get(0));
        }
        List<CrashCommand> ordered = new ArrayList<>(sent);
        ordered.sort((one, other) -> Integer.compare(one.number(), other.number()));
        return ordered;
    }

    /** A customer a client signed up (confirmed), and what it knows it holds. */
    private static final class Shopper {
        final String id;
        final String password;
        /** The email of the last confirmed sign-up or update that set one. */
        String email;
        final List<String> addresses = new ArrayList<>();
        final List<String> unpaidOrders = new ArrayList<>();
        int carts;
        int itemsInCart;

        Shopper(String id, String password, String email) {
            this.id = id;
            this.password = password;
            this.email = email;
        }

        String cart() {
            return "crash-" + id + "-" + carts;
        }
    }

    private final class Client {
        private final Random random;
        private final List<CrashCommand> sent;
        private final List<Shopper> shoppers = new ArrayList<>();
        private long pauseMillis;

        Client(Random random, List<CrashCommand> sent) {
            this.random = random;
            this.sent = sent;
        }

        void run() throws InterruptedException {
            for (int number = issued.incrementAndGet(); number <= commands; number = issued.incrementAndGet()) {
                gate.admit(number);
                CrashCommand command = send(number);
                sent.add(command);
                if (command.outcome() == CrashCommand.Outcome.UNKNOWN) {
                    pauseMillis = pauseMillis == 0 ? FIRST_PAUSE_MILLIS : Math.min(2 * pauseMillis, LONGEST_PAUSE_MILLIS);
                    Thread.sleep(pauseMillis);
                } else {
                    pauseMillis = 0;
                }
            }
        }

        private CrashCommand send(int number) throws InterruptedException {
            Shopper shopper = shoppers.isEmpty() ? null : shoppers.get(random.nextInt(shoppers.size()));
            CrashCommandType type = shopper == null ? CrashCommandType.SIGN_UP : pick(shopper);
            return switch (type) {
                case SIGN_UP -> signUp(number);
                case UPDATE_CUSTOMER -> updateCustomer(number, shopper);
                case SIGN_IN -> signIn(number, shopper, shopper.password, type);
                case WRONG_PASSWORD -> signIn(number, shopper, shopper.password + "-wrong", type);
                case CREATE_ADDRESS -> createAddress(number, shopper);
                case UPDATE_ADDRESS -> updateAddress(number, shopper);
                case DELETE_ADDRESS -> deleteAddress(number, shopper);
                case ADD_CART_ITEM -> addCartItem(number, shopper);
                case CHECK_OUT -> checkOut(number, shopper);
                case PAY_ORDER -> payOrder(number, shopper);
            };
        }

        /** A command by the mix's weights (percent), drawn again while the shopper has nothing it needs. */
        private CrashCommandType pick(Shopper shopper) {
            while (true) {
                int draw = random.nextInt(100);
                CrashCommandType type = draw < 14 ? CrashCommandType.SIGN_UP
                        : draw < 26 ? CrashCommandType.UPDATE_CUSTOMER
                        : draw < 35 ? CrashCommandType.SIGN_IN
                        : draw < 38 ? CrashCommandType.WRONG_PASSWORD
                        : draw < 52 ? CrashCommandType.CREATE_ADDRESS
                        : draw < 62 ? CrashCommandType.UPDATE_ADDRESS
                        : draw < 68 ? CrashCommandType.DELETE_ADDRESS
                        : draw < 84 ? CrashCommandType.ADD_CART_ITEM
                        : draw < 92 ? CrashCommandType.CHECK_OUT
                        : CrashCommandType.PAY_ORDER;
                boolean possible = switch (type) {
                    case UPDATE_ADDRESS, DELETE_ADDRESS -> !shopper.addresses.isEmpty();
                    case CHECK_OUT -> shopper.itemsInCart > 0;
                    case PAY_ORDER -> !shopper.unpaidOrders.isEmpty();
                    default -> true;
                };
                if (possible) {
                    return type;
                }
            }
        }

        private CrashCommand signUp(int number) throws InterruptedException {
            String password = "crash-password-" + number;
            Map<String, Object> data = customer(number);
            data.put("password", password);
            Sent answer = send("POST", "/v2/customers", data, Caller.STOREFRONT);
            String id = answer.confirms(CrashCommandType.SIGN_UP) ? answer.text("/data/id") : null;
            if (id != null) {
                shoppers.add(new Shopper(id, password, (String) data.get("email")));
            }
            return answer.record(number, CrashCommandType.SIGN_UP, id, null, null, null, (String) data.get("name"),
                    (String) data.get("email"), null);
        }

        private CrashCommand updateCustomer(int number, Shopper shopper) throws InterruptedException {
            Map<String, Object> data = customer(number);
            // A third of the updates change the email as well, which moves the customer in the email lookup.
            if (random.nextInt(3) != 0) {
                data.remove("email");
            }
            Sent answer = send("PUT", "/v2/customers/" + shopper.id, data, Caller.BACK_OFFICE);
            if (answer.confirms(CrashCommandType.UPDATE_CUSTOMER) && data.containsKey("email")) {
                shopper.email = (String) data.get("email");
            }
            return answer.record(number, CrashCommandType.UPDATE_CUSTOMER, shopper.id, null, null, null,
                    (String) data.get("name"), (String) data.get("email"), null);
        }

        private CrashCommand signIn(int number, Shopper shopper, String password, CrashCommandType type)
                throws InterruptedException {
            // The email is the one the client last had confirmed; after an update of unknown outcome it may be stale,
            // and the sign-in is then refused: the test looks at what was stored, whatever the answer.
            String email = shopper.email;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("type", "token");
            data.put("authentication_mechanism", "password");
            data.put("email", email);
            data.put("password", password);
            Sent answer = send("POST", "/v2/customers/tokens", data, Caller.STOREFRONT);
            return answer.record(number, type, shopper.id, null, null, null, null, email, null);
        }

        private CrashCommand createAddress(int number, Shopper shopper) throws InterruptedException {
            Map<String, Object> data = new LinkedHashMap<>(ADDRESS);
            data.put("type", "address");
            data.put("line_1", line(number));
            Sent answer = send("POST", "/v2/customers/" + shopper.id + "/addresses", data, Caller.BACK_OFFICE);
            String id = answer.confirms(CrashCommandType.CREATE_ADDRESS) ? answer.text("/data/id") : null;
            if (id != null) {
                shopper.addresses.add(id);
            }
            return answer.record(number, CrashCommandType.CREATE_ADDRESS, shopper.id, id, null, null, null, null,
                    line(number));
        }

        private CrashCommand updateAddress(int number, Shopper shopper) throws InterruptedException {
            String address = shopper.addresses.get(random.nextInt(shopper.addresses.size()));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("type", "address");
            data.put("line_1", line(number));
            Sent answer = send("PUT", "/v2/customers/" + shopper.id + "/addresses/" + address, data,
                    Caller.BACK_OFFICE);
            return answer.record(number, CrashCommandType.UPDATE_ADDRESS, shopper.id, address, null, null, null,
                    null, line(number));
        }

        private CrashCommand deleteAddress(int number, Shopper shopper) throws InterruptedException {
            String address = shopper.addresses.remove(random.nextInt(shopper.addresses.size()));
            Sent answer = send("DELETE", "/v2/customers/" + shopper.id + "/addresses/" + address, null,
                    Caller.BACK_OFFICE);
            return answer.record(number, CrashCommandType.DELETE_ADDRESS, shopper.id, address, null, null, null,
                    null, null);
        }

        private CrashCommand addCartItem(int number, Shopper shopper) throws InterruptedException {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", "custom_item");
            item.put("name", "Crash item #" + number);
            item.put("sku", "CRASH-" + number);
            item.put("quantity", 1 + random.nextInt(3));
            item.put("price", Map.of("amount", 100 + random.nextInt(5_000), "includes_tax", true));
            String cart = shopper.cart();
            Sent answer = send("POST", "/v2/carts/" + cart + "/items", item, Caller.STOREFRONT);
            if (answer.confirms(CrashCommandType.ADD_CART_ITEM)) {
                shopper.itemsInCart++;
            }
            return answer.record(number, CrashCommandType.ADD_CART_ITEM, shopper.id, null, cart, null, null, null,
                    null);
        }

        private CrashCommand checkOut(int number, Shopper shopper) throws InterruptedException {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("customer", Map.of("id", shopper.id));
            data.put("billing_address", ADDRESS);
            data.put("shipping_address", ADDRESS);
            String cart = shopper.cart();
            Sent answer = send("POST", "/v2/carts/" + cart + "/checkout", data, Caller.BACK_OFFICE);
            String order = answer.confirms(CrashCommandType.CHECK_OUT) ? answer.text("/data/id") : null;
            if (order != null) {
                shopper.unpaidOrders.add(order);
            }
            // Whatever the answer, the next items go into a new cart: one cart reference, at most one order.
            shopper.carts++;
            shopper.itemsInCart = 0;
            return answer.record(number, CrashCommandType.CHECK_OUT, shopper.id, null, cart, order, null, null, null);
        }

        private CrashCommand payOrder(int number, Shopper shopper) throws InterruptedException {
            String order = shopper.unpaidOrders.remove(random.nextInt(shopper.unpaidOrders.size()));
            Sent answer = send("POST", "/v2/orders/" + order + "/payments",
                    Map.of("gateway", "manual", "method", "purchase"), Caller.BACK_OFFICE);
            return answer.record(number, CrashCommandType.PAY_ORDER, shopper.id, null, null, order, null, null, null);
        }

        private Sent send(String method, String path, Map<String, Object> data, Caller caller)
                throws InterruptedException {
            try {
                return new Sent(api.call(method, path, data, caller), null);
            } catch (IOException dropped) {
                return new Sent(null, dropped.toString());
            }
        }
    }

    private static Map<String, Object> customer(int number) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "customer");
        data.put("name", "Crash #" + number);
        data.put("email", "crash-" + number + "@example.com");
        return data;
    }

    private static String line(int number) {
        return number + " Crash Street";
    }

    /** An answer, or why none came. */
    private record Sent(Answer answer, String failure) {

        boolean confirms(CrashCommandType type) {
            return answer != null && answer.status() == type.confirmingStatus();
        }

        String text(String pointer) {
            JsonNode value = answer.body() == null ? null : answer.body().at(pointer);
            return value == null || value.isMissingNode() || value.isNull() ? null : value.asText();
        }

        CrashCommand record(int number, CrashCommandType type, String customerId, String addressId, String cart,
                String orderId, String name, String email, String line1) {
            return new CrashCommand(number, type, customerId, addressId, cart, orderId, name, email, line1,
                    answer == null ? -1 : answer.status(), answer == null ? null : answer.requestId(),
                    answer == null ? failure : null);
        }
    }
}
