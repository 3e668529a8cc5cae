package io.tillstream.console.schemas;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff by longest common subsequence: the fewest lines removed and added that turn one
 * text into the other. The common head and tail are matched first, so two versions of a schema
 * that differ in a few lines cost little; a middle beyond {@value #MAX_CELLS} table cells is
 * shown as all removed then all added, still a correct diff, only not the shortest.
 */
final class LineDiff {

    static final int MAX_CELLS = 4_000_000;

    /** {@code kind} is {@code same}, {@code removed} or {@code added}; line numbers are 1-based, null on the side a line is not on. */
    record Line(String kind, Integer from, Integer to, String text) {
    }

    private LineDiff() {
    }

    static List<Line> diff(List<String> from, List<String> to) {
        int head = 0;
        while (head < from.size() && head < to.size() && from.get(head).equals(to.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < from.size() - head && tail < to.size() - head
            && from.get(from.size() - 1 - tail).equals(to.get(to.size() - 1 - tail))) {
            tail++;
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            lines.add(new Line("same", i + 1, i + 1, from.get(i)));
        }
        middle(from.subList(head, from.size() - tail), to.subList(head, to.size() - tail), head, head, lines);
        for (int i = tail; i > 0; i--) {
            lines.add(new Line("same", from.size() - i + 1, to.size() - i + 1, from.get(from.size() - i)));
        }
        return lines;
    }

    private static void middle(List<String> a, List<String> b, int aOffset, int bOffset, List<Line> out) {
        int n = a.size();
        int m = b.size();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                out.add(new Line("removed", aOffset + i + 1, null, a.get(i)));
            }
            for (int j = 0; j < m; j++) {
                out.add(new Line("added", null, bOffset + j + 1, b.get(j)));
            }
            return;
        }
        // common[i][j]: the length of the longest common subsequence of a[i..] and b[j..].
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                    : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new Line("same", aOffset + i + 1, bOffset + j + 1, a.get(i)));
                i++;
                j++;
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                // Removed before added where either keeps the subsequence, as diff tools show a change.
                out.add(new Line("removed", aOffset + i + 1, null, a.get(i)));
                i++;
            } else {
                out.add(new Line("added", null, bOffset + j + 1, b.get(j)));
                j++;
            }
        }
    }
}
