package dev.patron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcFsTest {

    // A real /proc/<pid>/stat line of a JVM, with utime 1234 (field 14) and stime 56 (field 15).
    private static final String JAVA_STAT = "4242 (java) S 4200 4200 2549 0 -1 4194560 52771 0 12 0 1234 56 0 0"
            + " 20 0 41 0 65113 4889362432 91234 18446744073709551615 1 1 0 0 0 0 0 2 16800975 0 0 0 17 1 0 0 0 0 0";

    @Test
    void cpuTicksAddUserAndSystemTime() {
        assertEquals(1290, ProcFs.cpuTicks(JAVA_STAT));
    }

    @Test
    void cpuTicksCountFieldsFromTheLastParenthesisOfTheCommandName() {
        String oddName = JAVA_STAT.replace("(java)", "(my (odd) 1 2 3)");
        assertEquals(1290, ProcFs.cpuTicks(oddName));
    }

    @Test
    void cpuTicksRejectTextThatIsNoStatLine() {
        assertThrows(IllegalArgumentException.class, () -> ProcFs.cpuTicks("no such process"));
    }

    @Test
    void rssIsReadFromVmRssInKib() {
        String status = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 4889364 kB\n"
                + "VmHWM:\t  400000 kB\nVmRSS:\t  364936 kB\nRssAnon:\t  340000 kB\nThreads:\t41\n";
        assertEquals(364_936, ProcFs.rssKib(status));
    }

    @Test
    void rssIsZeroForAProcessWithoutVmRss() {
        assertEquals(0, ProcFs.rssKib("Name:\tjava\nState:\tZ (zombie)\nThreads:\t1\n"));
    }

    @Test
    void aJavaProcessIsNamedByItsJar() {
        String cmdline = "java\0-Xmx512m\0-jar\0/work/main/.patron/run/77/command-service.jar\0--server.port=8081\0";
        assertEquals(Optional.of("command-service"), ProcFs.javaProcessName(cmdline));
    }

    @Test
    void aJavaProcessWithoutJarIsNamedByItsMainClassNotByAClasspath() {
        String cmdline = "/usr/lib/jvm/java-17/bin/java\0-cp\0/a.jar:/b.jar\0-Dx=y\0dev.patron.Main\0up\0";
        assertEquals(Optional.of("dev.patron.Main"), ProcFs.javaProcessName(cmdline));
    }

    @Test
    void otherCommandsAreNotJavaProcesses() {
        assertEquals(Optional.empty(), ProcFs.javaProcessName("/bin/bash\0/work/main/patron\0up\0"));
        assertEquals(Optional.empty(), ProcFs.javaProcessName("sleep\0" + "1\0"));
        assertEquals(Optional.empty(), ProcFs.javaProcessName(""));
    }

    @Test
    void thisJvmCanBeRead() {
        ProcFs.Usage usage = ProcFs.usage(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(usage.rssKib() > 0, "RSS of a running JVM");
        assertEquals(Optional.empty(), ProcFs.usage(Long.MAX_VALUE));
    }
}
