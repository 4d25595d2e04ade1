package dev.patron.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows the progress of a long command (the import, a rebuild) on stderr (stdout stays for the summary, e.g. when it
 * is piped). On a terminal, one line redrawn in place at most ten times a second; otherwise (a log, CI) a plain line
 * every five seconds, as a redrawn line would fill a log with carriage returns. What the line says is the command's
 * ({@link Line}; {@link ProgressLine} formats the common part: bar, done/total, percent, rate, time left).
 */
final class ProgressDisplay implements AutoCloseable {

    /** The line of a command's progress. */
    interface Line {

        /** Called once, when the display starts (e.g. to take the first sample of a rate). */
        default void started() {
        }

        /** The line as it stands now; {@code withBar} on a terminal. */
        String draw(boolean withBar);
    }

    private static final long TERMINAL_TICK_MILLIS = 100;
    private static final long PLAIN_TICK_MILLIS = 5_000;

    private final PrintStream err;
    private final boolean terminal;
    private final String threadName;
    private final Line progress;
    private ScheduledExecutorService ticker;
    private int drawnWidth;
    private String lastLine;
    private boolean closed;

    ProgressDisplay(PrintStream err, boolean terminal, String threadName, Line progress) {
        this.err = err;
        this.terminal = terminal;
        this.threadName = threadName;
        this.progress = progress;
    }

    void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        progress.started();
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
        String line = progress.draw(terminal);
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
            draw(progress.draw(true));
            err.println("  "); // over the "^C" a terminal echoes after the bar when the run is interrupted
            drawnWidth = 0;
        }
    }
}
