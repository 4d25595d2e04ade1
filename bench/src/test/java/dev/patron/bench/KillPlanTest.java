package dev.patron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KillPlanTest {

    private static final List<String> PROCESSES = List.of("command-service", "query-service", "embedded-mongo");

    @Test
    void everyProcessIsKilledAsOftenInOneSliceOfTheRunEach() {
        KillPlan plan = KillPlan.of(42, 10_000, 5, PROCESSES);
        assertEquals(15, plan.kills().size());
        Map<String, Long> perProcess = plan.kills().stream()
                .collect(Collectors.groupingBy(KillPlan.Kill::process, Collectors.counting()));
        assertEquals(Map.of("command-service", 5L, "query-service", 5L, "embedded-mongo", 5L), perProcess);
        int slice = (10_000 - 2 * 500) / 15;
        for (int i = 0; i < plan.kills().size(); i++) {
            int at = plan.kills().get(i).atCommand();
            assertTrue(at >= 500 + i * slice && at < 500 + (i + 1) * slice, "kill " + i + " at " + at);
        }
    }

    @Test
    void theSeedDecidesThePlan() {
        assertEquals(KillPlan.of(7, 600, 2, PROCESSES), KillPlan.of(7, 600, 2, PROCESSES));
        assertNotEquals(KillPlan.of(7, 600, 2, PROCESSES), KillPlan.of(8, 600, 2, PROCESSES));
    }

    @Test
    void killsComeInTheOrderOfTheirCommandsEvenInAShortRun() {
        List<Integer> at = KillPlan.of(1, CrashOptions.COMMANDS_PER_KILL * 3, 3, PROCESSES).kills().stream().map(KillPlan.Kill::atCommand).toList();
        assertEquals(at.stream().sorted().distinct().toList(), at);
        assertTrue(at.stream().allMatch(command -> command >= 1 && command <= CrashOptions.COMMANDS_PER_KILL * 3),
                at::toString);
        assertEquals(9, at.size());
    }
}
