package dev.patron.cli;

/** What the user gave cannot start an import (arguments, settings, the file itself): exit code 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
