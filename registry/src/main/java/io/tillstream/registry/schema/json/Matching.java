package io.tillstream.registry.schema.json;

import java.util.Arrays;

/** The size of a maximum matching in a bipartite graph, by augmenting paths (Kuhn's algorithm). */
final class Matching {

    private Matching() {
    }

    /** @param edges {@code edges[i][j]} when left {@code i} may be paired with right {@code j} */
    static int maximum(boolean[][] edges) {
        int rights = edges.length == 0 ? 0 : edges[0].length;
        int[] leftOfRight = new int[rights];
        Arrays.fill(leftOfRight, -1);
        int matched = 0;
        for (int left = 0; left < edges.length; left++) {
            if (augment(edges, left, new boolean[rights], leftOfRight)) {
                matched++;
            }
        }
        return matched;
    }

    private static boolean augment(boolean[][] edges, int left, boolean[] visited, int[] leftOfRight) {
        for (int right = 0; right < visited.length; right++) {
            if (edges[left][right] && !visited[right]) {
                visited[right] = true;
                if (leftOfRight[right] < 0 || augment(edges, leftOfRight[right], visited, leftOfRight)) {
                    leftOfRight[right] = left;
                    return true;
                }
            }
        }
        return false;
    }
}
