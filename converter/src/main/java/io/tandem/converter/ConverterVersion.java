package io.tandem.converter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The converter's own version, stamped into every manifest it writes (provenance). */
public final class ConverterVersion {
    private static final String RESOURCE = "/tandem-converter.properties";

    private ConverterVersion() {
    }

    public static String version() {
        return property("version");
    }

    /** The version of the ONNX Runtime Web files the converter carries (its browser engine). */
    public static String ortWebVersion() {
        return property("onnxruntime.web.version");
    }

    private static String property(String key) {
        try (InputStream in = ConverterVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** {@code tandem-converter 0.1.0}: how provenance names the tool. */
    public static String describe() {
        return "tandem-converter " + version();
    }
}
