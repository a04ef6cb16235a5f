package io.tandem.pipeline.task;

/** The kind of value a caller hands to {@code predict}; decides how requests and pages are read. */
public enum InputKind {
    TEXT, IMAGE, FEATURES;

    /** "text", "image", "features": the name the API and the docs use. */
    public String wireName() {
        return name().toLowerCase();
    }
}
