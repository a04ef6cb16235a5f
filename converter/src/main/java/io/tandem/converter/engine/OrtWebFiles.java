package io.tandem.converter.engine;

import io.tandem.converter.ConverterException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The ONNX Runtime Web files the converter runs in Node.js: exactly the ones the server serves to
 * browsers (tandem-web's {@code public/ort/}, from the npm package pinned in web/package-lock.json),
 * so a variant is measured on the build browsers get. They travel inside the converter's jar and are
 * unpacked into a temporary folder once per run of the converter (14 MB, a few milliseconds), which
 * is deleted when it exits; TANDEM_ORT_WEB_DIR points at another copy instead.
 */
public final class OrtWebFiles {
    /** ort.wasm.min.mjs loads the plain SIMD build, the one the client picks for the wasm device. */
    static final List<String> FILES = List.of("ort.wasm.min.mjs", "ort-wasm-simd-threaded.mjs", "ort-wasm-simd-threaded.wasm");
    static final String RUNNER = "ort-web-runner.mjs";
    private static final String RESOURCES = "public/ort/";

    /** Where the runner and the ORT Web files are. */
    public record Install(Path ortDir, Path runner) {
    }

    private OrtWebFiles() {
    }

    /** Unpacked on first use; the files never change while the converter runs. */
    private static final class Unpacked {
        static final Install INSTALL = unpack();
    }

    public static Install install() {
        String override = System.getenv("TANDEM_ORT_WEB_DIR");
        if (override != null && !override.isBlank()) {
            Path dir = Path.of(override);
            for (String f : FILES) {
                if (!Files.isRegularFile(dir.resolve(f))) {
                    throw new ConverterException("TANDEM_ORT_WEB_DIR=" + dir + " has no " + f + "; expected onnxruntime-web's dist folder");
                }
            }
            return new Install(dir, RunnerOnly.RUNNER);
        }
        return Unpacked.INSTALL;
    }

    /** With TANDEM_ORT_WEB_DIR only our small runner script is unpacked, not the 14 MB of ORT Web too. */
    private static final class RunnerOnly {
        static final Path RUNNER = unpackRunner();
    }

    private static Path unpackRunner() {
        try {
            Path dir = Files.createTempDirectory("tandem-ort-web-runner-");
            dir.toFile().deleteOnExit();
            copy(OrtWebFiles.class.getResourceAsStream(RUNNER), dir.resolve(RUNNER), RUNNER);
            return dir.resolve(RUNNER);
        } catch (IOException e) {
            throw new ConverterException("cannot unpack " + RUNNER + " into a temporary folder: " + e.getMessage(), e);
        }
    }

    private static Install unpack() {
        ClassLoader loader = OrtWebFiles.class.getClassLoader();
        try {
            Path dir = Files.createTempDirectory("tandem-ort-web-");
            dir.toFile().deleteOnExit();
            for (String f : FILES) {
                copy(loader.getResourceAsStream(RESOURCES + f), dir.resolve(f), RESOURCES + f);
            }
            copy(OrtWebFiles.class.getResourceAsStream(RUNNER), dir.resolve(RUNNER), RUNNER);
            return new Install(dir, dir.resolve(RUNNER));
        } catch (IOException e) {
            throw new ConverterException("cannot unpack ONNX Runtime Web into a temporary folder: " + e.getMessage(), e);
        }
    }

    private static void copy(InputStream in, Path to, String what) throws IOException {
        if (in == null) {
            throw new ConverterException("this converter was built without ONNX Runtime Web (" + what + " is not on its classpath); "
                    + "set TANDEM_ORT_WEB_DIR to onnxruntime-web's dist folder, or pass --engine java");
        }
        try (in) {
            Files.copy(in, to);
        }
        // Registered after the folder, so deleted before it (deleteOnExit runs in reverse order).
        to.toFile().deleteOnExit();
    }
}
