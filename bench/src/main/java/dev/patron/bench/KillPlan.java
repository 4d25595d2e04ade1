package dev.patron.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When the crash test kills which process, drawn from the seed so that a run can be replayed: every process is killed
 * the same number of times, in a shuffled order, each kill at a random command within its own equal slice of the run.
 * The first and last twentieth of the commands are left out, so that the clients have shoppers before the first kill
 * and the last restart still meets load.
 */
record KillPlan(List<Kill> kills) {

    /** Kill {@code process} once the clients have sent {@code atCommand} commands. */
    record Kill(int atCommand, String process) {
    }

    static KillPlan of(long seed, int commands, int killsEach, List<String> processes) {
        Random random = new Random(seed);
        List<String> order = new ArrayList<>();
        for (String process : processes) {
            order.addAll(Collections.nCopies(killsEach, process));
        }
        Collections.shuffle(order, random);
        int first = commands / 20;
        int slice = Math.max(1, (commands - 2 * first) / Math.max(1, order.size()));
        List<Kill> kills = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            kills.add(new Kill(first + i * slice + random.nextInt(slice), order.get(i)));
        }
        return new KillPlan(List.copyOf(kills));
    }
}
