package dev.patron.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows the progress on stderr (stdout stays for the summary, e.g. when it is piped). On a terminal, one line
 * redrawn in place at most ten times a second; otherwise (a log, CI) a plain line every five seconds, as a
 * redrawn line would fill a log with carriage returns.
 */
final class ProgressDisplay implements AutoCloseable {

    private static final long TERMINAL_TICK_MILLIS = 100;
    private static final long PLAIN_TICK_MILLIS = 5_000;

    private final PrintStream err;
    private final boolean terminal;
    private final ImportCounts counts;
    private final RateMeter rate = new RateMeter();
    private ScheduledExecutorService ticker;
    private int drawnWidth;
    private String lastLine;
    private boolean closed;

    ProgressDisplay(PrintStream err, boolean terminal, ImportCounts counts) {
        this.err = err;
        this.terminal = terminal;
        this.counts = counts;
    }

    void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "patron-import-progress");
            thread.setDaemon(true);
            return thread;
        });
        // The starting point of the rate: without it, the first plain line (after 5 s) could not show one.
        rate.record(System.nanoTime(), counts.snapshot().done());
        long tick = terminal ? TERMINAL_TICK_MILLIS : PLAIN_TICK_MILLIS;
        ticker.scheduleAtFixedRate(this::tick, terminal ? 0 : tick, tick, TimeUnit.MILLISECONDS);
    }

    /** A message between progress lines (a retry, say), without garbling the redrawn line. */
    synchronized void note(String message) {
        clearLine();
        err.println(message);
        if (terminal && lastLine != null) {
            draw(lastLine);
        }
    }

    private synchronized void tick() {
        if (closed) {
            return; // a tick that waited for the lock while close() drew the final line
        }
        ImportCounts.Snapshot now = counts.snapshot();
        double perSecond = rate.record(System.nanoTime(), now.done());
        String line = ProgressLine.format(now, perSecond, terminal);
        lastLine = line;
        if (terminal) {
            draw(line);
        } else {
            err.println("progress: " + line);
        }
    }

    private void draw(String line) {
        // Spaces over what is left of a longer previous line.
        err.print('\r' + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    private void clearLine() {
        if (terminal && drawnWidth > 0) {
            err.print('\r' + " ".repeat(drawnWidth) + '\r');
            drawnWidth = 0;
        }
    }

    /** Stops redrawing; on a terminal, leaves the final state of the bar on its own line. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (terminal && lastLine != null) {
            ImportCounts.Snapshot now = counts.snapshot();
            draw(ProgressLine.format(now, rate.record(System.nanoTime(), now.done()), true));
            err.println("  "); // over the "^C" a terminal echoes after the bar when the run is interrupted
            drawnWidth = 0;
        }
    }
}
