package dev.patron.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Carries out a {@link KillPlan} while the clients run: waits until they have taken a kill's number of commands
 * (the {@link KillGate} holds them there), kills that process (SIGKILL), lets the clients go on to the next kill,
 * starts the process again at once as a supervisor would, and waits until it is ready before the next kill, so that
 * one process is down at a time.
 */
final class CrashKiller {

    private static final long POLL_MILLIS = 10;

    /** A kill carried out: at which command it came, the pid killed and the seconds the restart took to be ready. */
    record Done(String process, int plannedAt, int atCommand, long pid, double secondsToReady) {
    }

    private final KillPlan plan;
    private final Map<String, ServiceProcess> processes;
    private final IntSupplier commandsTaken;
    private final KillGate gate;

    CrashKiller(KillPlan plan, Map<String, ServiceProcess> processes, IntSupplier commandsTaken, KillGate gate) {
        this.plan = plan;
        this.processes = processes;
        this.commandsTaken = commandsTaken;
        this.gate = gate;
    }

    /** The gate the clients start with: open up to the first kill. */
    static KillGate gateFor(KillPlan plan) {
        return new KillGate(plan.kills().isEmpty() ? Integer.MAX_VALUE : plan.kills().get(0).atCommand());
    }

    List<Done> run() throws IOException, InterruptedException {
        List<Done> done = new ArrayList<>();
        List<KillPlan.Kill> kills = plan.kills();
        try {
            killAll(kills, done);
        } finally {
            // Whatever happened here, the clients must not wait for a kill that will not come.
            gate.openUpTo(Integer.MAX_VALUE);
        }
        return done;
    }

    private void killAll(List<KillPlan.Kill> kills, List<Done> done) throws IOException, InterruptedException {
        for (int i = 0; i < kills.size(); i++) {
            KillPlan.Kill kill = kills.get(i);
            while (commandsTaken.getAsInt() < kill.atCommand()) {
                Thread.sleep(POLL_MILLIS);
            }
            ServiceProcess process = processes.get(kill.process());
            int at = commandsTaken.getAsInt();
            long pid = process.kill();
            gate.openUpTo(i + 1 < kills.size() ? kills.get(i + 1).atCommand() : Integer.MAX_VALUE);
            process.start();
            done.add(new Done(kill.process(), kill.atCommand(), at, pid, process.awaitReady()));
        }
    }
}
