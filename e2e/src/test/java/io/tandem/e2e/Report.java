package io.tandem.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Figures the end-to-end tests measure, printed and appended to target/e2e-report.md. */
public final class Report {
    private Report() {
    }

    public static synchronized void line(String text) {
        System.out.println("[e2e] " + text);
        Path file = Path.of(System.getProperty("tandem.report", "target/e2e-report.md"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
