package io.tandem.converter.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded train/test split of row indices. {@link Random} is specified down to the bit, so the same
 * seed splits the same way on every JVM; the test indices are kept in row order.
 */
public record Split(List<Integer> train, List<Integer> test) {
    public static Split of(int rows, double testFraction, long seed) {
        List<Integer> order = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int testRows = (int) Math.round(rows * testFraction);
        List<Integer> test = new ArrayList<>(order.subList(0, testRows));
        List<Integer> train = new ArrayList<>(order.subList(testRows, rows));
        Collections.sort(test);
        Collections.sort(train);
        return new Split(train, test);
    }
}
