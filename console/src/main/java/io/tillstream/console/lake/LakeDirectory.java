package io.tillstream.console.lake;

import io.tillstream.retail.lake.DayPartition;
import io.tillstream.retail.lake.LakeFileName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The sink's lake directory as the Lake page counts it: every complete lake file (named as
 * {@link LakeFileName} names them, in a {@link DayPartition} directory) with its row count from the
 * Parquet footer ({@link ParquetFooter}). A complete file never changes (the sink renames it into place whole), so each
 * footer is read once and kept while a file of that size and time is there.
 */
final class LakeDirectory {

    private record Seen(long size, long modified, long rows) {
    }

    private final Path root;
    private final Map<Path, Seen> footers = new ConcurrentHashMap<>();

    LakeDirectory(Path root) {
        this.root = root;
    }

    LakeContents read() {
        List<Path> files = lakeFiles();
        Map<String, LakeContents.PartitionFiles> byPartition = new TreeMap<>();
        Map<String, long[]> days = new TreeMap<>();
        List<LakeContents.Unreadable> unreadable = new ArrayList<>();
        long total = 0;
        long rows = 0;
        long bytes = 0;
        for (Path file : files) {
            LakeFileName name = LakeFileName.parse(file.getFileName().toString()).orElseThrow();
            DayPartition day = DayPartition.ofDirectory(file.getParent()).orElseThrow();
            Seen seen;
            try {
                seen = footer(file);
            } catch (NoSuchFileException e) {
                continue; // replaced or removed since the listing
            } catch (IOException | RuntimeException e) {
                unreadable.add(new LakeContents.Unreadable(root.relativize(file).toString(), String.valueOf(e.getMessage())));
                continue;
            }
            total++;
            rows += seen.rows();
            bytes += seen.size();
            String key = name.topic() + "+" + String.format("%010d", name.partition());
            LakeContents.PartitionFiles before = byPartition.get(key);
            byPartition.put(key, before == null
                ? new LakeContents.PartitionFiles(name.topic(), name.partition(), 1, seen.rows(), name.firstOffset())
                : new LakeContents.PartitionFiles(name.topic(), name.partition(), before.files() + 1,
                    before.rows() + seen.rows(), Math.max(before.lastFileOffset(), name.firstOffset())));
            long[] counts = days.computeIfAbsent(day.date().toString(), d -> new long[3]);
            counts[0]++;
            counts[1] += seen.rows();
            counts[2] += seen.size();
        }
        footers.keySet().retainAll(files);
        return new LakeContents(root.toString(), Files.isDirectory(root), total, rows, bytes,
            List.copyOf(byPartition.values()),
            days.entrySet().stream().map(e -> new LakeContents.DayFiles(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2])).toList(),
            unreadable);
    }

    /** Complete lake files in day directories, in name order; files being written and any others are skipped. */
    private List<Path> lakeFiles() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.find(root, 4, (path, attributes) -> attributes.isRegularFile()
            && LakeFileName.parse(path.getFileName().toString()).isPresent()
            && DayPartition.ofDirectory(path.getParent()).isPresent())) {
            return walk.sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new LakeUnreadableException("Cannot list the lake directory " + root + ": " + e.getMessage(), e);
        }
    }

    private Seen footer(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long modified = attributes.lastModifiedTime().toMillis();
        Seen seen = footers.get(file);
        if (seen != null && seen.size() == attributes.size() && seen.modified() == modified) {
            return seen;
        }
        seen = new Seen(attributes.size(), modified, ParquetFooter.rows(file));
        footers.put(file, seen);
        return seen;
    }
}
