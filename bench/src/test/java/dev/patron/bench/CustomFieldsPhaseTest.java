package dev.patron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CustomFieldsPhaseTest {

    @Test
    void everyTenThousandCustomersHoldEachScoreOnce() {
        Set<Object> scores = new HashSet<>();
        LongStream.range(20_000, 30_000).forEach(n -> scores.add(CustomFieldsPhase.customValues(n).get("score")));
        assertEquals(CustomFieldsPhase.SCORES, scores.size());
        assertTrue(scores.stream().allMatch(score -> (Long) score >= 0 && (Long) score < CustomFieldsPhase.SCORES));
    }

    /** Both filters select two customers in ten thousand: the page of 25 holds every match up to 120,000. */
    @Test
    void theEqAndTheRangeFilterAreEquallySelective() {
        for (long size : new long[] {10_000, 100_000}) {
            for (CustomFieldsPhase.Query query : CustomFieldsPhase.QUERIES) {
                long matches = LongStream.range(0, size)
                        .filter(n -> query.selects().test(CustomFieldsPhase.customValues(n))).count();
                assertEquals(size / 5_000, matches, query.filter() + " at " + size);
            }
        }
    }

    @Test
    void theRangeKeepsTwoScores() {
        CustomFieldsPhase.Query range = CustomFieldsPhase.QUERIES.get(1);
        assertEquals(Set.of(5_000L, 5_001L), LongStream.range(0, CustomFieldsPhase.SCORES)
                .filter(score -> range.selects().test(Map.of("score", score, "tier", "gold")))
                .boxed().collect(Collectors.toSet()));
    }

    @Test
    void theRareTierFallsOnEveryFiveThousandthCustomer() {
        assertEquals("silver", CustomFieldsPhase.customValues(1).get("tier"));
        assertEquals(CustomFieldsPhase.RARE_TIER, CustomFieldsPhase.customValues(5_000).get("tier"));
        assertEquals(CustomFieldsPhase.RARE_TIER, CustomFieldsPhase.customValues(0).get("tier"));
    }
}
