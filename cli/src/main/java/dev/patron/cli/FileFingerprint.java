package dev.patron.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which file, and whether it changed since: its absolute path, size and last-modified time. */
record FileFingerprint(Path path, long size, long modifiedMillis) {

    static FileFingerprint of(Path file) throws IOException {
        Path real = file.toRealPath();
        return new FileFingerprint(real, Files.size(real), Files.getLastModifiedTime(real).toMillis());
    }
}
