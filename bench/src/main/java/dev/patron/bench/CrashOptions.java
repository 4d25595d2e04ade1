package dev.patron.bench;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/** The crash test's command line, checked before anything starts. See {@link CrashTest} for what each means. */
record CrashOptions(Path repo, int commands, long seed, int killsEach, int clients, int instances, Path logs) {

    static final int DEFAULT_COMMANDS = 10_000;
    static final int DEFAULT_KILLS = 5;
    static final int DEFAULT_CLIENTS = 4;
    /** At least this many commands per kill of each process, so that every kill has commands of its own around it. */
    static final int COMMANDS_PER_KILL = 20;

    /** {@code newSeed} gives the seed when none is named. */
    static CrashOptions parse(String[] args, LongSupplier newSeed) {
        Path repo = null;
        int commands = DEFAULT_COMMANDS;
        Long seed = null;
        int kills = DEFAULT_KILLS;
        int clients = DEFAULT_CLIENTS;
        int instances = 1;
        Path logs = null;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[i + 1];
            switch (option) {
                case "--repo" -> repo = Path.of(value);
                case "--commands" -> commands = positive(option, value);
                case "--seed" -> seed = number(option, value);
                case "--kills" -> kills = positive(option, value);
                case "--clients" -> clients = positive(option, value);
                case "--instances" -> instances = positive(option, value);
                case "--logs" -> logs = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (repo == null) {
            throw new IllegalArgumentException("--repo is required");
        }
        if (commands < (long) COMMANDS_PER_KILL * kills) {
            throw new IllegalArgumentException("--commands must be at least " + COMMANDS_PER_KILL + " times --kills");
        }
        return new CrashOptions(repo, commands, seed == null ? newSeed.getAsLong() : seed, kills, clients, instances,
                logs == null ? repo.resolve(".patron/logs/crash-test") : logs);
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not " + value);
        }
    }

    private static int positive(String option, String value) {
        long number = number(option, value);
        if (number <= 0 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " takes a positive number, not " + value);
        }
        return (int) number;
    }
}
