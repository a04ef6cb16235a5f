package io.tandem.pipeline.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits rows of different lengths into groups that waste little on padding: rows sorted by
 * length, a new group started whenever the next row would make more than {@code maxPaddingShare}
 * of the group's padded cells padding. Rows of equal length always share a group.
 */
public final class LengthGroups {
    private LengthGroups() {
    }

    /**
     * @param lengths         each row's length (e.g. its token count)
     * @param maxPaddingShare largest share of padding cells in a group, 0 to 1 (1 = one group)
     * @return groups of row indices, each in ascending length order; every index exactly once
     */
    public static List<int[]> split(int[] lengths, double maxPaddingShare) {
        int n = lengths.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Insertion sort by length, stable: batches are small.
        for (int i = 1; i < n; i++) {
            int x = order[i];
            int j = i - 1;
            while (j >= 0 && lengths[order[j]] > lengths[x]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = x;
        }
        List<int[]> groups = new ArrayList<>();
        int start = 0;
        long sum = 0;
        for (int k = 0; k < n; k++) {
            int len = lengths[order[k]];
            int count = k - start + 1;
            long padded = (long) len * count;
            double share = padded == 0 ? 0 : 1.0 - (double) (sum + len) / padded;
            if (k > start && share > maxPaddingShare) {
                groups.add(slice(order, start, k));
                start = k;
                sum = 0;
            }
            sum += len;
        }
        if (n > 0) {
            groups.add(slice(order, start, n));
        }
        return groups;
    }

    private static int[] slice(int[] a, int from, int to) {
        int[] out = new int[to - from];
        System.arraycopy(a, from, out, 0, out.length);
        return out;
    }
}
