package dev.patron.cli;

import java.nio.file.Path;
import java.util.List;

/** The arguments of {@code import FILE [--batch-size N] [--restart] [--state-dir DIR]}. */
record ImportOptions(Path file, int batchSize, boolean restart, Path stateDir) {

    /** The server takes at most 500 customers in one request. */
    static final int MAX_BATCH_SIZE = 500;
    static final Path DEFAULT_STATE_DIR = Path.of(".patron-import");

    static ImportOptions parse(List<String> args) throws UsageException {
        Path file = null;
        int batchSize = MAX_BATCH_SIZE;
        boolean restart = false;
        Path stateDir = DEFAULT_STATE_DIR;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--restart" -> restart = true;
                case "--batch-size" -> batchSize = batchSize(valueOf(args, ++i, arg));
                case "--state-dir" -> stateDir = Path.of(valueOf(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--batch-size=")) {
                        batchSize = batchSize(arg.substring("--batch-size=".length()));
                    } else if (arg.startsWith("--state-dir=")) {
                        stateDir = Path.of(arg.substring("--state-dir=".length()));
                    } else if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new UsageException("unknown option " + arg);
                    } else if (file != null) {
                        throw new UsageException("one file at a time: got " + file + " and " + arg);
                    } else {
                        file = Path.of(arg);
                    }
                }
            }
        }
        if (file == null) {
            throw new UsageException("which file? give the file to import");
        }
        return new ImportOptions(file, batchSize, restart, stateDir);
    }

    private static String valueOf(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size() || args.get(index).isEmpty()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int batchSize(String value) throws UsageException {
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 1 && size <= MAX_BATCH_SIZE) {
                return size;
            }
        } catch (NumberFormatException notANumber) {
            // falls through to the message below
        }
        throw new UsageException("--batch-size must be a number from 1 to " + MAX_BATCH_SIZE + ", got " + value);
    }
}
