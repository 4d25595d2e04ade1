package dev.patron.cli;

import java.time.Duration;
import java.util.Locale;

/**
 * One line of progress, e.g.
 * {@code [##########----------]  50,000/100,000  50%  1,850/s  27s left  created 49,990  already 0  rejected 10}.
 */
final class ProgressLine {

    private static final int BAR_WIDTH = 20;

    private ProgressLine() {
    }

    static String format(ImportCounts.Snapshot counts, double ratePerSecond, boolean withBar) {
        long total = counts.total();
        long done = Math.min(counts.done(), total);
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
                    .append(timeLeft(total - done, ratePerSecond)).append(" left");
        }
        line.append("  created ").append(number(counts.created()))
                .append("  already ").append(number(counts.alreadyImported()))
                .append("  rejected ").append(number(counts.rejected()));
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
