package io.tandem.converter.io;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An input file named on the command line: a plain path, or {@code some.jar!/entry/in/jar.onnx} so
 * models can be read straight out of the Maven jars that ship them, without unpacking.
 *
 * <p>Loaded whole into memory: ONNX files are protobufs, which cannot exceed 2 GiB anyway, and one
 * byte array serves the parser, the hash and onnxruntime alike.
 */
public final class SourceFile {
    private static final String JAR_SEPARATOR = "!/";

    private final String spec;
    private final byte[] bytes;

    private SourceFile(String spec, byte[] bytes) {
        this.spec = spec;
        this.bytes = bytes;
    }

    /** Reads {@code spec}; {@code what} names the file in errors ("model", "tokenizer"). */
    public static SourceFile read(String spec, String what, Progress progress) {
        Path plain = Path.of(spec);
        int bang = spec.indexOf(JAR_SEPARATOR);
        if (Files.isRegularFile(plain) || bang < 0) {
            return new SourceFile(spec, readPlain(plain, spec, what, progress));
        }
        Path jar = Path.of(spec.substring(0, bang));
        String entry = spec.substring(bang + JAR_SEPARATOR.length());
        return new SourceFile(spec, readEntry(jar, entry, what, progress));
    }

    public String spec() {
        return spec;
    }

    public byte[] bytes() {
        return bytes;
    }

    /** The file name without folders or jar: {@code cnn_mnist.onnx}. */
    public String fileName() {
        String s = spec.replace('\\', '/');
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /** The content as UTF-8 text (tokenizer.json, recipes). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] readPlain(Path path, String spec, String what, Progress progress) {
        if (Files.isDirectory(path)) {
            throw new ConverterException(what + " " + spec + " is a directory, expected a file");
        }
        if (!Files.isRegularFile(path)) {
            throw new ConverterException(what + " file not found: " + spec);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return readAll(in, Files.size(path), "reading " + path.getFileName(), progress);
        } catch (IOException e) {
            throw new ConverterException("cannot read " + what + " " + spec + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readEntry(Path jar, String entry, String what, Progress progress) {
        if (!Files.isRegularFile(jar)) {
            throw new ConverterException(what + " file not found: " + jar + " (named in " + jar + JAR_SEPARATOR + entry + ")");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(entry);
            if (e == null || e.isDirectory()) {
                throw new ConverterException("jar " + jar + " has no file '" + entry + "'");
            }
            try (InputStream in = zip.getInputStream(e)) {
                return readAll(in, e.getSize(), "reading " + entry.substring(entry.lastIndexOf('/') + 1), progress);
            }
        } catch (ZipException e) {
            throw new ConverterException(jar + " is not a jar or zip file", e);
        } catch (IOException e) {
            throw new ConverterException("cannot read " + what + " " + jar + JAR_SEPARATOR + entry + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(InputStream in, long size, String label, Progress progress) throws IOException {
        if (size > Integer.MAX_VALUE - 8) {
            throw new ConverterException("file is larger than 2 GiB, which ONNX files (protobufs) cannot be");
        }
        // size is -1 when a zip entry does not record it; then the array grows as we read.
        byte[] out = new byte[size >= 0 ? (int) size : 1 << 16];
        progress.start(label, size >= 0 ? size : 0);
        int length = 0;
        while (true) {
            if (length == out.length) {
                // Full: either the end (the usual case, size was right) or the size was unknown.
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out = Arrays.copyOf(out, Math.max(out.length * 2, 1 << 16));
                out[length++] = (byte) b;
            }
            int n = in.read(out, length, Math.min(out.length - length, 1 << 20));
            if (n < 0) {
                break;
            }
            length += n;
            progress.advance(n);
        }
        progress.finish();
        return length == out.length ? out : Arrays.copyOf(out, length);
    }
}
