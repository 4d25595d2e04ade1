package dev.patron.cli;

import java.time.Duration;
import java.util.Locale;

/**
 * One line of progress, e.g.
 * {@code [##########----------]  50,000/100,000  50%  1,850/s  27s left  created 49,990  already 0  rejected 10}:
 * the common part (bar, done/total, percent, rate, time left; {@link #progress}) and what a command adds.
 */
final class ProgressLine {

    private static final int BAR_WIDTH = 20;

    private ProgressLine() {
    }

    /** An import's line. */
    static String format(ImportCounts.Snapshot counts, double ratePerSecond, boolean withBar) {
        return progress(counts.done(), counts.total(), ratePerSecond, null, withBar)
                + "  created " + number(counts.created())
                + "  already " + number(counts.alreadyImported())
                + "  rejected " + number(counts.rejected());
    }

    /**
     * The bar (when {@code withBar}), done/total, percent, rate and time left: {@code secondsLeft} when the one doing
     * the work tells it, else from the rate; a NaN rate shows as not known yet.
     */
    static String progress(long doneSoFar, long total, double ratePerSecond, Long secondsLeft, boolean withBar) {
        long done = Math.min(doneSoFar, total);
        int percent = total == 0 ? 100 : (int) (done * 100 / total);
        StringBuilder line = new StringBuilder();
        if (withBar) {
            int filled = total == 0 ? BAR_WIDTH : (int) (done * BAR_WIDTH / total);
            line.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("]  ");
        }
        line.append(number(done)).append('/').append(number(total)).append("  ").append(percent).append('%');
        if (Double.isNaN(ratePerSecond)) {
            line.append("  --/s  -- left");
        } else {
            line.append("  ").append(number(Math.round(ratePerSecond))).append("/s  ")
                    .append(secondsLeft == null ? timeLeft(total - done, ratePerSecond)
                            : secondsLeft <= 0 ? "0s" : Durations.words(Duration.ofSeconds(secondsLeft)))
                    .append(" left");
        }
        return line.toString();
    }

    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String timeLeft(long remaining, double ratePerSecond) {
        if (remaining == 0) {
            return "0s";
        }
        if (ratePerSecond <= 0) {
            return "--";
        }
        return Durations.words(Duration.ofSeconds(Math.max(1, Math.round(remaining / ratePerSecond))));
    }
}
