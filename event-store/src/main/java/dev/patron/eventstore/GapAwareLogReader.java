package dev.patron.eventstore;

import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import static com.mongodb.client.model.Filters.in;
import static dev.patron.eventstore.GlobalIndexes.FIRST_GLOBAL_INDEX;

/**
 * Reads the global log after a {@link GapAwareTrackingToken} (see "Gaps" at {@link MongoEventStorageEngine}): the
 * reserved head first, then the window of indexes after the token together with its open gaps, and hands out the
 * events found in index order, each with the token that includes it. A gap open for longer than the gap timeout is
 * given up before the read.
 */
final class GapAwareLogReader {

    private static final Logger logger = LoggerFactory.getLogger(GapAwareLogReader.class);

    private final MongoCollection<Document> commits;
    private final GlobalIndexes globalIndexes;
    private final GapTimer gapTimer;
    private final int maxGapOffset;
    /**
     * The indexes already reported given up. A reader's stored token keeps a given-up gap until the next event moves
     * it, so an idle reader meets the same expired gaps on every poll; they are reported once. Pruned below the
     * oldest index a gap can have.
     */
    private final Set<Long> reportedGivenUp = ConcurrentHashMap.newKeySet();

    /**
     * @param gapTimer     when this process first saw each gap; shared by every reader of the engine
     * @param maxGapOffset how far behind the newest index a gap may lie before it is dropped from the token
     */
    GapAwareLogReader(MongoCollection<Document> commits, GlobalIndexes globalIndexes, GapTimer gapTimer,
                      int maxGapOffset) {
        this.commits = commits;
        this.globalIndexes = globalIndexes;
        this.gapTimer = gapTimer;
        this.maxGapOffset = maxGapOffset;
    }

    /**
     * The events after {@code lastToken} ({@code null}: from the start), in global index order: those that fill its
     * gaps and those in the next window of {@code batchSize} indexes, a window that slides on past indexes never
     * written while it finds nothing; empty when there is nothing to read now.
     */
    List<TrackedEventData<?>> eventsAfter(GapAwareTrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = withoutExpiredGaps(lastToken);
        long last = token == null ? FIRST_GLOBAL_INDEX - 1 : token.getIndex();
        SortedSet<Long> gaps = token == null ? new TreeSet<>() : token.getGaps();
        // The head first: a reader that is caught up (the usual case when idle) costs this one _id lookup.
        long head = globalIndexes.reservedHead();
        if (gaps.isEmpty() && head <= last) {
            return List.of();
        }

        long windowStart = last + 1;
        List<Document> found = findCommits(gaps, windowStart, Math.min(windowStart + batchSize, head + 1));
        // A run of more than batchSize indexes that were reserved but never written would otherwise stall the
        // reader for good: slide the window on until something is found or the reserved head is passed.
        while (found.isEmpty()) {
            windowStart += batchSize;
            if (windowStart > head) {
                return List.of();
            }
            found = findCommits(Set.of(), windowStart, Math.min(windowStart + batchSize, head + 1));
        }
        return trackedEvents(token, found);
    }

    /**
     * The events in the window of {@code count} indexes after {@code position} up to the window's first open gap,
     * in index order, each with its index as token, and the position they are settled up to: every index from
     * {@code position} to it is either read or given up. A missing index is a gap, timed on the same clock as the
     * tracking readers' gaps, so it is given up at the same moment as theirs; until then nothing after it is read.
     */
    SettledData settledEventsAfter(long position, int count) {
        long head = globalIndexes.reservedHead();
        if (head <= position) {
            return new SettledData(List.of(), position);
        }
        long windowEnd = head - position > count ? position + count : head;
        Map<Long, TrackedEventData<?>> byIndex = new HashMap<>();
        for (Document commit : findCommits(Set.of(), position + 1, windowEnd + 1)) {
            List<Document> commitEvents = CommitDocument.events(commit);
            List<Long> indexes = CommitDocument.globalIndexes(commit);
            for (int i = 0; i < commitEvents.size(); i++) {
                long index = indexes.get(i);
                if (index > position && index <= windowEnd) {
                    byIndex.put(index, new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(index),
                            CommitDocument.domainEventData(commit, commitEvents.get(i))));
                }
            }
        }
        // Every missing index of the window is timed now, not just the first: a run of indexes never written then
        // times out together instead of one timeout after another.
        gapTimer.observed(LongStream.rangeClosed(position + 1, windowEnd).filter(index -> !byIndex.containsKey(index))
                                    .boxed().toList());
        List<TrackedEventData<?>> settled = new ArrayList<>(byIndex.size());
        long settledUpTo = position;
        for (long index = position + 1; index <= windowEnd; index++) {
            TrackedEventData<?> event = byIndex.get(index);
            if (event != null) {
                gapTimer.filled(index);
                settled.add(event);
            } else if (!gapTimer.expired(index)) {
                break;
            }
            settledUpTo = index;
        }
        return new SettledData(settled, settledUpTo);
    }

    /** Events read up to a position with nothing open before it; see {@link #settledEventsAfter}. */
    record SettledData(List<TrackedEventData<?>> events, long settledUpTo) {
    }

    /** The commits holding any of {@code gaps} or of the indexes from {@code windowStart} to before {@code windowEnd}. */
    private List<Document> findCommits(Collection<Long> gaps, long windowStart, long windowEnd) {
        List<Long> wanted = new ArrayList<>(gaps.size() + (int) Math.max(0, windowEnd - windowStart));
        wanted.addAll(gaps);
        LongStream.range(windowStart, windowEnd).forEach(wanted::add);
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<Long, Document> found = new HashMap<>();
        // mongo-java-server returns a document once per array element that matched; MongoDB returns it once.
        commits.find(in(CommitDocument.GLOBAL_INDEXES, wanted)).forEach(commit -> found.putIfAbsent(commit.getLong("_id"), commit));
        return new ArrayList<>(found.values());
    }

    /**
     * The events of {@code found} that {@code token} has not included yet, in index order, each with the token
     * advanced to it; every index skipped on the way becomes a gap, timed from now unless it was seen before.
     */
    private List<TrackedEventData<?>> trackedEvents(GapAwareTrackingToken token, List<Document> found) {
        record Indexed(long globalIndex, Document commit, Document event) {
        }
        List<Indexed> events = new ArrayList<>();
        for (Document commit : found) {
            List<Document> commitEvents = CommitDocument.events(commit);
            List<Long> indexes = CommitDocument.globalIndexes(commit);
            for (int i = 0; i < commitEvents.size(); i++) {
                long index = indexes.get(i);
                if (token == null || index > token.getIndex() || token.getGaps().contains(index)) {
                    events.add(new Indexed(index, commit, commitEvents.get(i)));
                }
            }
        }
        events.sort(Comparator.comparingLong(Indexed::globalIndex));

        List<TrackedEventData<?>> result = new ArrayList<>(events.size());
        GapAwareTrackingToken current = token;
        for (Indexed event : events) {
            current = current == null
                    ? GapAwareTrackingToken.newInstance(event.globalIndex(), LongStream.range(FIRST_GLOBAL_INDEX, event.globalIndex()).boxed().toList())
                    : current.advanceTo(event.globalIndex(), maxGapOffset);
            gapTimer.filled(event.globalIndex());
            result.add(new TrackedDomainEventData<>(current, CommitDocument.domainEventData(event.commit(), event.event())));
        }
        if (current != null) {
            gapTimer.observed(current.getGaps());
        }
        return result;
    }

    /** {@code token} without the gaps that have been open for longer than the gap timeout. */
    private GapAwareTrackingToken withoutExpiredGaps(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return token;
        }
        List<Long> expired = token.getGaps().stream().filter(gapTimer::expired).toList();
        if (expired.isEmpty()) {
            return token;
        }
        List<Long> newlyGivenUp = expired.stream().filter(reportedGivenUp::add).toList();
        if (!newlyGivenUp.isEmpty()) {
            logger.warn("Giving up global indexes {}: reserved but not written within the gap timeout", newlyGivenUp);
        }
        reportedGivenUp.removeIf(index -> index < token.getIndex() - maxGapOffset);
        SortedSet<Long> open = new TreeSet<>(token.getGaps());
        expired.forEach(open::remove);
        return GapAwareTrackingToken.newInstance(token.getIndex(), open);
    }
}
