package io.tandem.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Only the first visit, quickly: cold and warm first predictions of mnist-cnn and minilm-l6-v2 int8
 * (Tandem forced to wasm and {@code auto}; transformers.js for minilm), each in a new Chromium
 * {@code --runs} times, with where Tandem's load spent its time ({@code model.loadInfo.phases})
 * and the size of {@code /tandem.js}. Prints a table; writes nothing. The full report's section comes
 * from {@link BrowserBenchmark}, which uses {@link #breakdown} too.
 */
public final class FirstVisit {
    private FirstVisit() {
    }

    /** {@code --runs N} (1–100), else 3; anything else is one line and exit 2. */
    static int runs(String[] args) {
        if (args.length == 0) {
            return 3;
        }
        if (args.length == 2 && args[0].equals("--runs") && args[1].matches("[0-9]{1,3}")
                && Integer.parseInt(args[1]) >= 1 && Integer.parseInt(args[1]) <= 100) {
            return Integer.parseInt(args[1]);
        }
        System.err.println("usage: ./tandem bench-first-visit [--runs N]   (N from 1 to 100, default 3)");
        System.exit(2);
        return 0;
    }

    public static void main(String[] args) throws Exception {
        int runs = runs(args);
        Path root = Path.of(System.getProperty("tandem.bench.root", ".")).toAbsolutePath().normalize();
        try (BenchFiles files = BenchFiles.assemble(root);
             BenchServer server = new BenchServer(files, root.resolve("bench/node_modules"))) {
            System.out.println("/tandem.js: " + tandemJsSize(server.url("/tandem.js")));
            System.out.println(headers(server.url("/ort/ort-wasm-simd-threaded.wasm")));
            String sentence = Corpus.SENTENCES.get(2);
            Object digit = Corpus.digits().get(0);
            List<Map<String, Object>> scenarios = new ArrayList<>();
            // With -Dtandem.bench.altClient=FILE, each Tandem row runs that build (/alt/tandem.js) too, alternating.
            List<String> modules = System.getProperty("tandem.bench.altClient") == null ? List.of("/tandem.js") : List.of("/alt/tandem.js", "/tandem.js");
            for (String device : List.of("wasm", "auto")) {
                for (String id : List.of(BenchFiles.MNIST, BenchFiles.MINILM_INT8)) {
                    for (String module : modules) {
                        scenarios.add(Map.of("tool", "tandem", "id", id, "input", id.equals(BenchFiles.MNIST) ? digit : sentence,
                                "device", device, "module", module));
                    }
                }
            }
            scenarios.add(Map.of("tool", "tjs", "model", BenchFiles.TJS_MODEL, "dtype", "q8", "input", sentence));
            for (int i = 0; i < runs; i++) {
                for (Map<String, Object> s : scenarios) {
                    String what = s.get("tool").equals("tandem") ? s.get("module") + " " + s.get("device") + " " + s.get("id") : "transformers.js q8";
                    try (Browser browser = Browser.start()) {
                        String url = server.url("/bench/index.html");
                        browser.open(url);
                        Map<String, Object> cold = browser.call("firstPrediction", s);
                        browser.open(url);
                        Map<String, Object> warm = browser.call("firstPrediction", s);
                        System.out.printf(Locale.ROOT, "%-32s run %d cold %6.0f ms: %s%n", what, i + 1, num(cold.get("ms")), breakdown(cold));
                        System.out.printf(Locale.ROOT, "%-32s run %d warm %6.0f ms: %s%n", what, i + 1, num(warm.get("ms")), breakdown(warm));
                    }
                }
            }
        }
    }

    /** {@code page 210; import 40; load 900 (manifest 12@0, …); predict 30 (run 25)}: ms, from bench.js's firstPrediction. */
    static String breakdown(Map<String, Object> r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "page %.0f; import %.0f; load %.0f", num(r.get("calledAt")), num(r.get("importMs")), num(r.get("loadMs"))));
        if (r.get("phases") instanceof List<?> phases) {
            List<String> parts = new ArrayList<>();
            for (Object o : phases) {
                Map<?, ?> p = (Map<?, ?>) o;
                parts.add(String.format(Locale.ROOT, "%s %.0f@%.0f", p.get("name"), num(p.get("ms")), num(p.get("start"))));
            }
            s.append(" (").append(String.join(", ", parts)).append(")");
        }
        s.append(String.format(Locale.ROOT, "; predict %.0f", num(r.get("predictMs"))));
        if (r.get("runMs") != null) {
            s.append(String.format(Locale.ROOT, " (run %.0f)", num(r.get("runMs"))));
        }
        if (r.get("tandemJs") instanceof Map<?, ?> js) {
            s.append(String.format(Locale.ROOT, "; tandem.js %.0f B over the wire", num(js.get("transfer"))));
        }
        return s.toString();
    }

    /** The file at {@code url} ({@code /tandem.js}): raw bytes and gzip -9. */
    static String tandemJsSize(String url) throws IOException, InterruptedException {
        byte[] js = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        return String.format(Locale.ROOT, "%,d bytes, %,d gzipped (level 9)", js.length, gzipped(js));
    }

    /** The headers that decide whether a browser can stream-compile and cache the WASM runtime. */
    static String headers(String url) throws IOException, InterruptedException {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        StringBuilder s = new StringBuilder(URI.create(url).getPath() + ": " + r.statusCode());
        for (String h : List.of("content-type", "content-length", "cache-control", "etag", "last-modified", "content-encoding")) {
            s.append(", ").append(h).append(" ").append(r.headers().firstValue(h).orElse("-"));
        }
        return s.toString();
    }

    static int gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        }
        return out.size();
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

}
