package dev.patron.cli;

/** An import's progress line: the customers done, at the rate of the last few seconds, and the outcomes so far. */
final class ImportProgress implements ProgressDisplay.Line {

    private final ImportCounts counts;
    private final RateMeter rate = new RateMeter();

    ImportProgress(ImportCounts counts) {
        this.counts = counts;
    }

    /** The starting point of the rate: without it, the first plain line (after 5 s) could not show one. */
    @Override
    public void started() {
        rate.record(System.nanoTime(), counts.snapshot().done());
    }

    @Override
    public String draw(boolean withBar) {
        ImportCounts.Snapshot now = counts.snapshot();
        return ProgressLine.format(now, rate.record(System.nanoTime(), now.done()), withBar);
    }
}
