package io.tandem.pipeline.bundle;

import io.tandem.pipeline.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file of a bundle with the bytes and sha256 the reader checks it against.
 *
 * <p>Its path is checked here, the one place every manifest entry (variants' {@code file},
 * {@code files[].path}) passes through, so that the converter, the server and the browser all
 * refuse a manifest that names a file outside its bundle: a path is a plain relative name of
 * {@code /}-separated segments, none empty, {@code .} or {@code ..}, with no backslash (a separator
 * on Windows), no colon (a drive letter or a URL scheme) and no control character.
 */
public final class BundleFile {
    private final String path;
    private final long bytes;
    private final String sha256;

    public BundleFile(String path, long bytes, String sha256) {
        String problem = pathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException("bundle file path '" + path + "' refused: " + problem);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bundle file '" + path + "': bytes must not be negative, found " + bytes);
        }
        this.path = path;
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    /** Why {@code path} is not a plain relative name inside a bundle, or null when it is one. */
    public static String pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "empty";
        }
        if (path.startsWith("/")) {
            return "absolute";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                return "backslash";
            }
            if (c == ':') {
                return "colon (drive letter or scheme)";
            }
            if (c < 0x20 || c == 0x7f) {
                return "control character";
            }
        }
        // Segment by segment without String.split: its regex is more than the browser build needs to carry.
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "segment '" + segment + "' (expected a plain relative name inside the bundle)";
            }
            start = end + 1;
        }
        return null;
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
