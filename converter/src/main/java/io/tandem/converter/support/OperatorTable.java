package io.tandem.converter.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator tables of one ONNX Runtime Web release (a data resource, see its header for where
 * the lists come from): which (domain, operator, opset) each execution provider has a kernel for,
 * and which operators onnxruntime removes before any provider runs the graph.
 */
public final class OperatorTable {
    public static final String RESOURCE = "ort-web-operators.txt";
    /** The onnxruntime-web release the resource describes. */
    public static final String RUNTIME = "ONNX Runtime Web 1.29";

    /** Opset versions from..to (to = Long.MAX_VALUE for "and later"). */
    record Range(long from, long to) {
        boolean contains(long v) {
            return v >= from && v <= to;
        }
    }

    private final Map<String, List<Range>> entries;

    private OperatorTable(Map<String, List<Range>> entries) {
        this.entries = entries;
    }

    /** The table shipped in the converter's jar. */
    public static OperatorTable ortWeb() {
        try (InputStream in = OperatorTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the converter's classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OperatorTable parse(String text) {
        Map<String, List<Range>> entries = new HashMap<>();
        String section = null;
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                if (s.startsWith("[") && s.endsWith("]")) {
                    String[] parts = s.substring(1, s.length() - 1).strip().split("\\s+");
                    if (parts.length != 2) {
                        throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected [<ep> <domain>], found " + s);
                    }
                    section = parts[0] + " " + parts[1];
                    continue;
                }
                String[] parts = s.split("\\s+");
                if (section == null || parts.length != 2) {
                    throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected '<op> <versions>' in a section, found " + s);
                }
                List<Range> ranges = new ArrayList<>();
                for (String range : parts[1].split(",")) {
                    ranges.add(range(range, lineNo));
                }
                entries.put(section + " " + parts[0], ranges);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OperatorTable(entries);
    }

    private static Range range(String s, int lineNo) {
        try {
            if (s.endsWith("+")) {
                return new Range(Long.parseLong(s.substring(0, s.length() - 1)), Long.MAX_VALUE);
            }
            int dash = s.indexOf('-');
            if (dash > 0) {
                return new Range(Long.parseLong(s.substring(0, dash)), Long.parseLong(s.substring(dash + 1)));
            }
            long v = Long.parseLong(s);
            return new Range(v, v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(RESOURCE + ":" + lineNo + ": bad opset range '" + s + "'", e);
        }
    }

    /** Whether {@code ep} ("wasm", "webgpu" or "graph") has {@code op} of {@code domain} at opset {@code opset}. */
    public boolean has(String ep, String domain, String op, long opset) {
        List<Range> ranges = entries.get(ep + " " + domain + " " + op);
        if (ranges == null) {
            return false;
        }
        for (Range r : ranges) {
            if (r.contains(opset)) {
                return true;
            }
        }
        return false;
    }
}
