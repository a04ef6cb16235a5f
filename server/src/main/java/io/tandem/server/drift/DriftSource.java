package io.tandem.server.drift;

/** Where live statistics come from; tracked apart, so browser reports cannot mask what the server sees. */
public enum DriftSource {
    /** Inputs the server itself prepared for a prediction or a job. */
    SERVER("server"),
    /** Aggregated counts browsers sent after predicting on the device (opt-in). */
    BROWSER("browser");

    private final String label;

    DriftSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
