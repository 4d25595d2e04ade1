package dev.patron.bench;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process of Patron's services layout run by {@code patron service <module> <instance>}, so exactly as
 * {@code patron up} runs it, which the crash test kills with SIGKILL and starts again. The output of every start (the
 * script's lines and the process's own) is appended to one log file.
 */
final class ServiceProcess {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 50;

    private final String name;
    private final ProcessBuilder command;
    private final Path log;
    private final String readyLine;
    private Process script;
    private long logLengthAtStart;
    private long startedNanos;

    /** @param name the process's name as the script gives it: its module, and its instance number from the second */
    ServiceProcess(String name, ProcessBuilder command, Path log) {
        this.name = name;
        this.command = command.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        this.log = log;
        this.readyLine = "patron: " + name + " is ready";
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    synchronized boolean isRunning() {
        return script != null && script.isAlive();
    }

    synchronized void start() throws IOException {
        logLengthAtStart = Files.exists(log) ? Files.size(log) : 0;
        startedNanos = System.nanoTime();
        script = command.start();
    }

    /** Waits until this start's output says the process is ready; returns the seconds since {@link #start}. */
    double awaitReady() throws IOException, InterruptedException {
        long deadline = startedNanos + Patron.START_TIMEOUT.toNanos();
        while (!outputSinceStart().contains(readyLine)) {
            if (!script.isAlive()) {
                throw new BenchmarkFailure(name + " stopped while starting (exit status " + script.exitValue()
                        + "); its output is in " + log);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new BenchmarkFailure(name + " was not ready after " + Patron.START_TIMEOUT.toSeconds()
                        + " s; its output is in " + log);
            }
            Thread.sleep(POLL_MILLIS);
        }
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /**
     * SIGKILL to the JVM (not to the script, which then ends as it would under a supervisor), and waits until both
     * are gone. Returns the pid killed.
     */
    synchronized long kill() throws InterruptedException {
        List<ProcessHandle> jvms = script.descendants()
                .filter(process -> ProcFs.javaProcessName(process.pid()).isPresent())
                .toList();
        if (jvms.size() != 1) {
            throw new BenchmarkFailure("expected one java process under patron service " + name + ", found "
                    + jvms.size());
        }
        ProcessHandle jvm = jvms.get(0);
        jvm.destroyForcibly();
        jvm.onExit().join();
        if (!script.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new BenchmarkFailure("patron service " + name + " did not end after its process was killed");
        }
        return jvm.pid();
    }

    /** SIGTERM, as Ctrl-C would: the script stops the process cleanly and ends; forced after a minute. */
    synchronized void stop() throws InterruptedException {
        if (script == null || !script.isAlive()) {
            return;
        }
        List<ProcessHandle> family = script.descendants().toList();
        script.destroy();
        if (!script.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            script.destroyForcibly();
        }
        for (ProcessHandle process : family) {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.onExit().join();
            }
        }
    }

    private String outputSinceStart() throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            channel.position(logLengthAtStart);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
