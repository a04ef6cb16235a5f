package io.tandem.pipeline.task;

/** Reads a bundle's side files (vocabularies …): from disk on the server, fetched in the browser. */
public interface BundleFiles {
    String readText(String path);
}
