package dev.patron.cli;

/**
 * How far an import of one file got: the first {@code done} customers of the file are acknowledged (each of
 * them, and every one before it, has an answer), with the counts of those answers. Customers acknowledged out of
 * order after the first gap are not counted here: a resumed run sends them again, and they come back as
 * {@code already_imported}. No customer data is kept here, only numbers.
 *
 * @param lastLine the line of the last acknowledged customer (0 when none), for people reading the file
 */
record ImportState(String file, long size, long modified, long total, long done, long lastLine, long created,
        long alreadyImported, long rejected) {

    static ImportState start(FileFingerprint file, long total) {
        return new ImportState(file.path().toString(), file.size(), file.modifiedMillis(), total, 0, 0, 0, 0, 0);
    }

    boolean isOf(FileFingerprint file) {
        return file.path().toString().equals(this.file) && file.size() == size && file.modifiedMillis() == modified;
    }

    ImportState plus(BatchTally tally) {
        return new ImportState(file, size, modified, total, done + tally.customers(), tally.lastLine(),
                created + tally.created(), alreadyImported + tally.alreadyImported(), rejected + tally.rejected());
    }
}
