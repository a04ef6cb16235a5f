package io.tandem.client;

/**
 * The URLs the client fetches, all below one base (the empty string for the page's own origin):
 * model bundles under {@code /models/<id>/}, ONNX Runtime Web under {@code /ort/}, and the
 * server's prediction API.
 */
public final class Endpoints {
    private final String base;

    public Endpoints(String baseUrl) {
        String b = baseUrl == null ? "" : baseUrl.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        this.base = b;
    }

    public String base() {
        return base;
    }

    public String manifest(String modelId) {
        return modelDir(modelId) + "manifest.json";
    }

    /** A file of the bundle, by its path relative to the bundle folder as the manifest gives it. */
    public String bundleFile(String modelId, String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("bundle file path '" + path + "' must be relative");
        }
        for (String segment : Split.all(path, '/')) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("bundle file path '" + path + "' must not contain empty, '.' or '..' segments");
            }
        }
        return modelDir(modelId) + encodePath(path);
    }

    /** The server's list of the models it serves ({@code {"models": [{"id", …}], …}}). */
    public String models() {
        return base + "/api/v1/models";
    }

    public String predict(String modelId) {
        return base + "/api/v1/models/" + encodePath(checkId(modelId)) + "/predict";
    }

    /** Where a page that opted in ({@code shareStats}) sends its aggregated drift counts. */
    public String driftReports(String modelId) {
        return base + "/api/v1/models/" + encodePath(checkId(modelId)) + "/drift/reports";
    }

    /** The folder ONNX Runtime Web's files are served from, ending in a slash. */
    public String ortDir() {
        return base + "/ort/";
    }

    public String ortModule(Device device) {
        if (!device.runsInPage()) {
            throw new IllegalArgumentException("device '" + device.wireName() + "' does not load ONNX Runtime Web");
        }
        return ortDir() + device.ortModule();
    }

    private String modelDir(String modelId) {
        return base + "/models/" + encodePath(checkId(modelId)) + "/";
    }

    /** The longest model id: one path segment, not a way to send a huge request line (the server answers 414). */
    static final int MAX_ID_LENGTH = 128;

    /** Model ids are one path segment of letters, digits, '.', '_' and '-', not starting with '.', at most 128 long. */
    public static String checkId(String modelId) {
        if (modelId == null || modelId.isEmpty()) {
            throw new IllegalArgumentException("model id is missing");
        }
        if (modelId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("model id is " + modelId.length() + " characters long; at most " + MAX_ID_LENGTH);
        }
        if (modelId.charAt(0) == '.') {
            throw new IllegalArgumentException("model id '" + modelId + "' must not start with '.'");
        }
        for (int i = 0; i < modelId.length(); i++) {
            char c = modelId.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("model id '" + modelId + "' may only contain letters, digits, '.', '_' and '-'");
            }
        }
        return modelId;
    }

    /** Percent-encodes (UTF-8) everything but unreserved characters and '/'. */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length());
        byte[] utf8 = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte value : utf8) {
            int b = value & 0xFF;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '.' || b == '_' || b == '~' || b == '/';
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
