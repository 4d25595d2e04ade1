package dev.patron.bench;

/**
 * Holds the crash test's clients at the next planned kill until it has happened, so that every kill comes at its
 * planned command, under load, however long the restart before it took. The clients ask before each command; the
 * killer moves the gate on once it has killed.
 */
final class KillGate {

    private int openUpTo;

    KillGate(int openUpTo) {
        this.openUpTo = openUpTo;
    }

    /** Waits until command {@code number} may be sent. */
    synchronized void admit(int number) throws InterruptedException {
        while (number > openUpTo) {
            wait();
        }
    }

    synchronized void openUpTo(int number) {
        openUpTo = number;
        notifyAll();
    }
}
