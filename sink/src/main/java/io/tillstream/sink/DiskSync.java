package io.tillstream.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Forces files and directories to disk, several at once, on threads of its own. An fsync is mostly
 * waiting for the disk: one at a time, a roll of 600 day files waited for each in turn (about 1.7 ms
 * apiece on the benchmark's ext4), while several in flight let the file system commit them in one
 * journal transaction (0.4 ms apiece with 16 in flight, measured the same way), and the writer threads
 * go on encoding the next file meanwhile.
 */
final class DiskSync implements AutoCloseable {

    /** Threads that only wait for the disk, so more than the processors; about where more stopped helping. */
    private static final int THREADS = 16;

    private final ExecutorService threads;
    private final Consumer<Path> beforeForce;

    DiskSync() {
        this(path -> { });
    }

    /** @param beforeForce runs before each path is forced: a test deletes a roll's file there, as another member does */
    DiskSync(Consumer<Path> beforeForce) {
        this.threads = Executors.newFixedThreadPool(THREADS, new DaemonThreads("sink-fsync-"));
        this.beforeForce = beforeForce;
    }

    /** Starts forcing a file's content, or a directory's entries, to disk. */
    CompletableFuture<Void> force(Path path, boolean directory) {
        return CompletableFuture.runAsync(() -> {
            beforeForce.accept(path);
            try (FileChannel channel = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, threads);
    }

    /** Forces the directories' entries (renames, new files and subdirectories) to disk, all at once, and waits. */
    void forceDirectories(Collection<Path> directories) throws IOException {
        await(directories.stream().map(directory -> force(directory, true)).toList());
    }

    /** Waits for every one of the forces; the first failure, once all have ended. */
    static void await(List<CompletableFuture<Void>> forces) throws IOException {
        try {
            CompletableFuture.allOf(forces.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdown();
    }
}
