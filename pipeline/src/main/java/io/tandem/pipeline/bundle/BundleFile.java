package io.tandem.pipeline.bundle;

import io.tandem.pipeline.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/** A file of a bundle with the bytes and sha256 the reader checks it against. */
public final class BundleFile {
    private final String path;
    private final long bytes;
    private final String sha256;

    public BundleFile(String path, long bytes, String sha256) {
        this.path = path;
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    public String path() {
        return path;
    }

    public long bytes() {
        return bytes;
    }

    public String sha256() {
        return sha256;
    }

    static BundleFile fromJson(JsonObject o) {
        return new BundleFile(o.string("path"), o.integer("bytes"), o.string("sha256"));
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("bytes", bytes);
        m.put("sha256", sha256);
        return m;
    }
}
