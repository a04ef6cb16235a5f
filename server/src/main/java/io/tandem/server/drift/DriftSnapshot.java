package io.tandem.server.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance's drift windows of one model version at one moment: per source, the inputs seen,
 * their weight in the window, the reporting clients and the live counts per feature. Counts of
 * separate instances add up ({@link Source#plus}); this is what instances share.
 *
 * @param sources by {@link DriftSource#label()}
 */
public record DriftSnapshot(Map<String, Source> sources) {
    /**
     * @param clients browser reports only: clients holding weight in the window (an instance's
     *                count; a client reporting to two instances counts twice in a sum)
     * @param counts  feature name → live counts in the reference's bins
     */
    public record Source(long seen, double weight, int clients, Map<String, double[]> counts) {
        /** This window and {@code other}'s together; features or bins that do not match are left out of the sum. */
        Source plus(Source other, List<String> features) {
            if (other == null) {
                return this;
            }
            Map<String, double[]> sum = new LinkedHashMap<>();
            for (String f : features) {
                double[] mine = counts.get(f).clone();
                double[] theirs = other.counts().get(f);
                if (theirs != null && theirs.length == mine.length) {
                    for (int i = 0; i < mine.length; i++) {
                        mine[i] += Math.max(0, theirs[i]);
                    }
                }
                sum.put(f, mine);
            }
            return new Source(seen + Math.max(0, other.seen()), weight + Math.max(0, other.weight()),
                    clients + Math.max(0, other.clients()), sum);
        }
    }
}
