package io.tandem.pipeline.bundle;

/** What a model bundle does; decides which pipeline wraps the model and what its input is. */
public enum Task {
    IMAGE_CLASSIFICATION("image-classification", InputKind.IMAGE),
    TEXT_EMBEDDING("text-embedding", InputKind.TEXT),
    TABULAR_CLASSIFICATION("tabular-classification", InputKind.FEATURES);

    /** The kind of value a caller hands to {@code predict}. */
    public enum InputKind { TEXT, IMAGE, FEATURES }

    private final String wireName;
    private final InputKind inputKind;

    Task(String wireName, InputKind inputKind) {
        this.wireName = wireName;
        this.inputKind = inputKind;
    }

    public String wireName() {
        return wireName;
    }

    public InputKind inputKind() {
        return inputKind;
    }

    public static Task fromWireName(String name) {
        for (Task t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'");
    }
}
