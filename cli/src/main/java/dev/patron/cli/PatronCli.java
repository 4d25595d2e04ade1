package dev.patron.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Patron command line: {@code import FILE [--batch-size N] [--restart] [--state-dir DIR]} and
 * {@code rebuild [READ_MODEL]}, with the connection settings in PATRON_URL, PATRON_CLIENT_ID and PATRON_CLIENT_SECRET.
 *
 * <p>Exit codes: 0 when every customer was processed (rejected ones included) or the rebuilt read model is live, 1
 * when the import stopped and can be resumed or the rebuild failed (or Patron cannot be reached), 2 for bad usage
 * (arguments, settings, a file that cannot be read or has no known format), 130 when interrupted by Ctrl-C.
 */
public final class PatronCli {

    static final int USAGE = 2;
    static final String USAGE_TEXT = """
            usage: patron import FILE [--batch-size N] [--restart] [--state-dir DIR]
                   patron rebuild [READ_MODEL]
              FILE             the customers: .jsonl or .ndjson (one JSON object a line) or .csv (a header row,
                               then one customer a row; addresses as address_<n>_<field> columns)
              --batch-size N   customers per request, 1 to 500 (default 500)
              --restart        start over instead of resuming an unfinished import of FILE
              --state-dir DIR  where the progress and the rejection report are kept (default ./.patron-import)
              rebuild          rebuilds a read model (default and only one: customers) from the event log while
                               Patron keeps answering, and shows its progress until the new one is live
            environment: PATRON_URL (e.g. http://localhost:8080), PATRON_CLIENT_ID, PATRON_CLIENT_SECRET""";

    /** How long Ctrl-C waits for the run to write its state: the grace for batches in flight, and some. */
    private static final Duration SHUTDOWN_WAIT = ImportCommand.GRACE.plusSeconds(5);

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final RetryPolicy retryPolicy;
    private final StopSignal stop;
    private Duration rebuildPollInterval = Duration.ofMillis(250);

    PatronCli(Map<String, String> env, PrintStream out, PrintStream err, boolean terminal, RetryPolicy retryPolicy,
            StopSignal stop) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.retryPolicy = retryPolicy;
        this.stop = stop;
    }

    public static void main(String[] args) {
        StopSignal stop = new StopSignal();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C or SIGTERM: stop sending, let the batches in flight answer, keep the state, say how to resume.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.raise();
            try {
                finished.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }, "patron-cli-shutdown"));
        int exitCode;
        try {
            exitCode = new PatronCli(System.getenv(), System.out, System.err, System.console() != null,
                    RetryPolicy.DEFAULT, stop).run(args);
        } finally {
            System.out.flush();
            System.err.flush();
            finished.countDown();
        }
        System.exit(exitCode);
    }

    int run(String... args) {
        List<String> arguments = Arrays.asList(args);
        if (arguments.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (arguments.contains("--help") || arguments.contains("-h") || arguments.get(0).equals("help")) {
            out.println(USAGE_TEXT);
            return 0;
        }
        if (arguments.get(0).equals("rebuild")) {
            return rebuild(arguments.subList(1, arguments.size()));
        }
        if (!arguments.get(0).equals("import")) {
            err.println("patron: unknown command " + arguments.get(0) + "\n" + USAGE_TEXT);
            return USAGE;
        }
        try {
            ImportOptions options = ImportOptions.parse(arguments.subList(1, arguments.size()));
            ConnectionSettings settings = ConnectionSettings.fromEnvironment(env);
            return new ImportCommand(options, settings, retryPolicy, stop, out, err, terminal).run();
        } catch (UsageException usage) {
            err.println("patron import: " + usage.getMessage());
            err.println("(patron import --help tells the options)");
            return USAGE;
        } catch (ImportFailure fatal) {
            err.println("patron import: " + fatal.getMessage());
            return ImportCommand.STOPPED;
        } catch (RuntimeException bug) {
            err.println("patron import: unexpected error: " + bug);
            return ImportCommand.STOPPED;
        }
    }

    /** For tests: how often a rebuild's progress is asked for. */
    PatronCli pollingEvery(Duration interval) {
        this.rebuildPollInterval = interval;
        return this;
    }

    private int rebuild(List<String> arguments) {
        try {
            if (arguments.size() > 1 || (arguments.size() == 1 && arguments.get(0).startsWith("-"))) {
                throw new UsageException("rebuild takes one argument, the read model (default "
                        + RebuildCommand.DEFAULT_READ_MODEL + "), got " + String.join(" ", arguments));
            }
            String readModel = arguments.isEmpty() ? RebuildCommand.DEFAULT_READ_MODEL : arguments.get(0);
            ConnectionSettings settings = ConnectionSettings.fromEnvironment(env);
            return new RebuildCommand(readModel, settings, stop, out, err, terminal, rebuildPollInterval).run();
        } catch (UsageException usage) {
            err.println("patron rebuild: " + usage.getMessage());
            return USAGE;
        } catch (ImportFailure fatal) {
            err.println("patron rebuild: " + fatal.getMessage());
            return RebuildCommand.FAILED;
        } catch (RuntimeException bug) {
            err.println("patron rebuild: unexpected error: " + bug);
            return RebuildCommand.FAILED;
        }
    }
}
