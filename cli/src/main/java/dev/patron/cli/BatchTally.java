package dev.patron.cli;

import java.util.ArrayList;
import java.util.List;

/** What one acknowledged batch adds up to: the counts, and the rejections for the report. */
record BatchTally(long customers, long lastLine, long created, long alreadyImported, long rejected,
        List<Rejection> rejections) {

    /** A rejected line as the report shows it: no other customer data, never a password hash. */
    record Rejection(long line, String email, List<String> errors) {
    }

    static BatchTally of(Batch batch, List<ItemOutcome> outcomes) {
        long created = 0;
        long already = 0;
        List<Rejection> rejections = new ArrayList<>();
        int sent = 0;
        for (CustomerLine line : batch.lines()) {
            if (line.rejectedLocally()) {
                rejections.add(new Rejection(line.line(), line.email(), line.localErrors()));
                continue;
            }
            ItemOutcome outcome = outcomes.get(sent++);
            switch (outcome.status()) {
                case CREATED -> created++;
                case ALREADY_IMPORTED -> already++;
                case REJECTED -> rejections.add(new Rejection(line.line(), line.email(), outcome.errors()));
            }
        }
        return new BatchTally(batch.lines().size(), batch.lastLine(), created, already, rejections.size(),
                List.copyOf(rejections));
    }
}
