package io.tillstream.sink;

import java.util.List;

/**
 * What a running sink has done since it started, for a status line.
 *
 * @param lag records in its partitions not yet read, or -1 before the consumer knows
 */
public record SinkStatus(long records, long files, long deadLetters, int openFiles, List<Integer> partitions, long lag) {

    static final SinkStatus STARTING = new SinkStatus(0, 0, 0, 0, List.of(), -1);
}
