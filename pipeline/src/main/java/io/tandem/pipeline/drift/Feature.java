package io.tandem.pipeline.drift;

/**
 * One statistic measured per prediction, and how its bins are chosen: fixed edges for values with
 * a meaning of their own (a rate, a yes/no), or deciles of the reference sample for the rest, so
 * each reference bin holds about a tenth of the inputs the model was checked on.
 */
public final class Feature {
    private final String name;
    private final double[] fixedEdges;

    private Feature(String name, double[] fixedEdges) {
        this.name = name;
        this.fixedEdges = fixedEdges;
    }

    public static Feature fixed(String name, double... edges) {
        return new Feature(name, edges.clone());
    }

    public static Feature deciles(String name) {
        return new Feature(name, null);
    }

    public String name() {
        return name;
    }

    /** The fixed edges, or null when the edges come from the reference's deciles. */
    public double[] fixedEdges() {
        return fixedEdges == null ? null : fixedEdges.clone();
    }
}
