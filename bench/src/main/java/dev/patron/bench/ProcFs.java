package dev.patron.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the harness reads about a process from Linux's /proc: CPU time from {@code /proc/<pid>/stat}, resident memory
 * from {@code /proc/<pid>/status}, the command line from {@code /proc/<pid>/cmdline}. Parsing is kept apart from
 * reading so that it can be tested on sample text.
 */
final class ProcFs {

    /** CPU time (user + system, in clock ticks) and resident memory (KiB) of one process at one moment. */
    record Usage(long cpuTicks, long rssKib) {
    }

    /** java options whose value is the next argument, which must not be taken for the main class. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p",
            "--module-path", "--add-modules", "--add-opens", "--add-exports");

    private ProcFs() {
    }

    /**
     * utime + stime of a {@code /proc/<pid>/stat} line. The command name in parentheses may contain spaces and
     * parentheses itself, so fields are counted from the last ')'.
     */
    static long cpuTicks(String stat) {
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] fields = stat.substring(nameEnd + 1).trim().split("\\s+");
        // fields[0] is field 3 of proc(5) (state); utime and stime are fields 14 and 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** VmRSS of a {@code /proc/<pid>/status} text, in KiB; 0 when absent, as for a process that is exiting. */
    static long rssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                // The kernel always prints this field in kB.
                return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    /**
     * The name a java process is reported under: the jar it runs, without ".jar", else its main class. Empty when
     * the command line is not a java command (the patron script itself, its subshells, sleep).
     */
    static Optional<String> javaProcessName(String cmdline) {
        List<String> args = Arrays.stream(cmdline.split("\0")).filter(arg -> !arg.isEmpty()).toList();
        if (args.isEmpty() || !Path.of(args.get(0)).getFileName().toString().equals("java")) {
            return Optional.empty();
        }
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-jar") && i + 1 < args.size()) {
                String jar = Path.of(args.get(i + 1)).getFileName().toString();
                return Optional.of(jar.endsWith(".jar") ? jar.substring(0, jar.length() - ".jar".length()) : jar);
            }
            if (OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return Optional.of(arg);
            }
        }
        return Optional.of("java");
    }

    /** The usage of a live process; empty when it has gone. */
    static Optional<Usage> usage(long pid) {
        try {
            return Optional.of(new Usage(cpuTicks(read(pid, "stat")), rssKib(read(pid, "status"))));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** The reported name of a live java process; empty when it is not java or has gone. */
    static Optional<String> javaProcessName(long pid) {
        try {
            return javaProcessName(read(pid, "cmdline"));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** CPU time of this JVM, the benchmark client, in clock ticks: it shares the cores with Patron. */
    static long ownCpuTicks() {
        return usage(ProcessHandle.current().pid()).orElseThrow().cpuTicks();
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg prints them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/loadavg", e);
        }
    }

    /** Clock ticks per second, the unit of /proc CPU times (normally 100). */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() != 0) {
                throw new IllegalStateException("getconf CLK_TCK failed: " + output);
            }
            return Long.parseLong(output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run getconf CLK_TCK", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running getconf", e);
        }
    }

    private static String read(long pid, String file) throws IOException {
        // Decoded leniently: a stray byte in a command line must not make a live process look gone.
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)), StandardCharsets.UTF_8);
    }
}
