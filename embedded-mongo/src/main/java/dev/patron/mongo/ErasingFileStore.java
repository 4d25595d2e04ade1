package dev.patron.mongo;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.SingleFileStore;
import org.h2.mvstore.WriteBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * H2's single-file store, changed so that bytes no longer in use can be overwritten with zeros ({@link #zeroUnused}),
 * which is what makes a deleted document leave the file. H2 itself never erases: a chunk whose pages all died is marked
 * free and overwritten only when a later chunk happens to need that space, and a chunk is written from a pooled buffer,
 * so the end of its last block (between its table of contents and its footer, up to 4 KB) carries whatever the buffer
 * held before: bytes of an earlier chunk's pages, written to disk again.
 * <p>
 * Here, chunks are written from fresh buffers (no pool: a new buffer is zeroed), and every range H2 frees is
 * remembered; {@link #zeroUnused} overwrites the remembered ranges that are still free, and on its first run in a
 * process every free block and the unused end of every chunk the file held when it was opened (written by an earlier
 * Patron, from pooled buffers). Deleted pages inside chunks that are still live are {@link EmbeddedStoreSweep}'s part:
 * it rewrites those chunks first, which frees them.
 */
final class ErasingFileStore extends SingleFileStore {

    /** H2's block, the unit of the file's layout (fixed by its file format; H2 keeps the constant to itself). */
    static final int BLOCK_SIZE = 4096;
    private static final int HEADER_BLOCKS = 2;
    /** A chunk's footer: the last bytes of its last block. */
    private static final int FOOTER_LENGTH = 128;
    private static final String CHUNK_PREFIX = "chunk.";

    private final Path file;
    /** Blocks freed since they were last zeroed; guarded by this. */
    private final BitSet freedBlocks = new BitSet();
    private boolean zeroedOnce;
    /** The ids (hex, as the layout names them) of the chunks in the file when it was opened. */
    private List<String> chunksAtOpen = List.of();

    ErasingFileStore(Path file) {
        super(new HashMap<>());
        this.file = file;
        open(file.toString(), false, null);
    }

    /** Notes the chunks the file holds, whose unused ends may hold what an earlier process's buffers held. */
    void noteChunksAtOpen() {
        List<String> ids = new ArrayList<>();
        getLayoutMap().keySet().forEach(key -> {
            if (key.startsWith(CHUNK_PREFIX)) {
                ids.add(key.substring(CHUNK_PREFIX.length()));
            }
        });
        chunksAtOpen = List.copyOf(ids);
    }

    @Override
    public void releaseWriteBuffer(WriteBuffer buffer) {
        // Not pooled: a reused buffer carries the bytes of the chunk it held into the unused end of the next one.
    }

    @Override
    protected void free(long pos, int length) {
        super.free(pos, length);
        synchronized (this) {
            freedBlocks.set(Math.toIntExact(pos / BLOCK_SIZE), Math.toIntExact((pos + length) / BLOCK_SIZE));
        }
    }

    /**
     * Overwrites with zeros every block freed since the last call that is still free, and on the first call every free
     * block and the unused end of every chunk written before this process opened the file. Call it through
     * {@code MVStore.executeFilestoreOperation}, which keeps every other writer of the file out (chunks being written
     * or moved), after a sync, so that what superseded the freed chunks is on disk first.
     *
     * @return the bytes overwritten
     */
    long zeroUnused() {
        saveChunkLock.lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long zeroed = 0;
            BitSet toZero;
            synchronized (this) {
                toZero = (BitSet) freedBlocks.clone();
                freedBlocks.clear();
            }
            long blocksInFile = size() / BLOCK_SIZE;
            if (!zeroedOnce) {
                toZero.set(HEADER_BLOCKS, Math.toIntExact(blocksInFile));
                zeroed += zeroUnusedEndsOfChunksFromBeforeOpening(channel);
                zeroedOnce = true;
            }
            for (int block = toZero.nextSetBit(HEADER_BLOCKS); block >= 0 && block < blocksInFile;
                 block = toZero.nextSetBit(block + 1)) {
                int end = block;
                while (end < blocksInFile && toZero.get(end) && freeSpace.isFree((long) end * BLOCK_SIZE, BLOCK_SIZE)) {
                    end++;
                }
                zeroed += zero(channel, (long) block * BLOCK_SIZE, (long) (end - block) * BLOCK_SIZE);
                block = end;
            }
            channel.force(false);
            return zeroed;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not overwrite the unused parts of " + file, e);
        } finally {
            saveChunkLock.unlock();
        }
    }

    /**
     * The bytes between a chunk's table of contents (one long per page, at {@code toc}) and its footer are padding to
     * the block; a chunk written from a pooled buffer has there what the buffer held before. Where the chunk is now: a
     * chunk H2 moved took its padding along.
     */
    private long zeroUnusedEndsOfChunksFromBeforeOpening(FileChannel channel) throws IOException {
        Map<String, String> layout = getLayoutMap();
        long zeroed = 0;
        for (String chunkId : chunksAtOpen) {
            String description = layout.get(CHUNK_PREFIX + chunkId);
            if (description == null) {
                continue;
            }
            Map<String, String> chunk = DataUtils.parseMap(description);
            long start = DataUtils.readHexLong(chunk, "block", 0) * BLOCK_SIZE;
            long length = DataUtils.readHexLong(chunk, "len", 0) * BLOCK_SIZE;
            long toc = DataUtils.readHexLong(chunk, "toc", 0);
            long pages = DataUtils.readHexLong(chunk, "pages", 0);
            long usedEnd = start + toc + pages * Long.BYTES;
            long footer = start + length - FOOTER_LENGTH;
            if (toc > 0 && footer > usedEnd) {
                zeroed += zero(channel, usedEnd, footer - usedEnd);
            }
        }
        return zeroed;
    }

    private static long zero(FileChannel channel, long position, long length) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(length, 1 << 20));
        for (long done = 0; done < length; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), length - done));
            done += channel.write(zeros, position + done);
        }
        return length;
    }
}
