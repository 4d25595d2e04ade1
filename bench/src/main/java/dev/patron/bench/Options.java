package dev.patron.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The command line, checked before anything starts. See {@link WritePathBenchmark} for what each option means. */
record Options(Path repo, Set<String> phases, List<Long> sizes, List<Integer> clients, Optional<Seeder.Mode> seed,
        Path out, List<Long> orderSizes) {

    static final List<String> PHASES = List.of("startup", "idle", "creates", "import", "signins", "orders", "feed",
            "webhooks", "rebuild", "customfields");

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    long largestSize() {
        return sizes.get(sizes.size() - 1);
    }

    static Options parse(String[] args) {
        Path repo = null;
        Set<String> phases = new LinkedHashSet<>(PHASES);
        List<Long> sizes = List.of(10_000L, 100_000L);
        List<Integer> clients = List.of(1, 4, 8);
        Optional<Seeder.Mode> seed = Optional.empty();
        Path out = Path.of("results.json");
        List<Long> orderSizes = List.of(10_000L, 100_000L);
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[i + 1];
            switch (option) {
                case "--repo" -> repo = Path.of(value);
                case "--phases" -> phases = phases(value);
                // Ascending: the store only grows, so the sizes are reached one after the other.
                case "--sizes" -> sizes = positive(value, Long::parseLong).stream().sorted().distinct().toList();
                case "--clients" -> clients = positive(value, Integer::parseInt);
                case "--seed" -> seed = Optional.of(seedMode(value));
                case "--out" -> out = Path.of(value);
                case "--order-sizes" -> orderSizes = positive(value, Long::parseLong).stream().sorted().distinct().toList();
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (repo == null) {
            throw new IllegalArgumentException("--repo is required");
        }
        return new Options(repo, phases, sizes, clients, seed, out, orderSizes);
    }

    private static Set<String> phases(String value) {
        Set<String> phases = new LinkedHashSet<>(Arrays.asList(value.split(",")));
        for (String phase : phases) {
            if (!PHASES.contains(phase)) {
                throw new IllegalArgumentException("unknown phase " + phase + "; phases are " + PHASES);
            }
        }
        return phases;
    }

    private static <T extends Number> List<T> positive(String value, Function<String, T> parse) {
        List<T> numbers = Arrays.stream(value.split(",")).map(String::trim).map(parse).toList();
        if (numbers.isEmpty() || numbers.stream().anyMatch(number -> number.longValue() <= 0)) {
            throw new IllegalArgumentException("expected positive numbers separated by commas: " + value);
        }
        return numbers;
    }

    private static Seeder.Mode seedMode(String value) {
        try {
            return Seeder.Mode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--seed is import or api, not " + value);
        }
    }
}
