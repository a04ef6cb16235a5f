package io.tandem.converter;

import java.io.PrintWriter;

/**
 * Progress of one long step (reading, hashing, copying a model), written to stderr so stdout stays
 * clean for {@code --json}. On a terminal it redraws one line with a bar; elsewhere (Maven logs, CI)
 * it prints a single line when the step ends, so logs do not fill with carriage returns.
 */
public final class Progress {
    private static final int BAR = 30;

    private final PrintWriter err;
    private final boolean interactive;
    private final boolean quiet;
    private String label;
    private long total;
    private long done;
    private int lastPercent;
    private long startNanos;
    private String unit;

    public Progress(PrintWriter err, boolean interactive, boolean quiet) {
        this.err = err;
        this.interactive = interactive;
        this.quiet = quiet;
    }

    /** A progress that prints nothing; for callers that do not want output. */
    public static Progress silent() {
        return new Progress(new PrintWriter(PrintWriter.nullWriter()), false, true);
    }

    public void start(String label, long total) {
        startCounting(label, total, null);
    }

    /** Like {@link #start} for a count of things ("600 inputs") rather than bytes. */
    public void startCounting(String label, long total, String unit) {
        this.unit = unit;
        this.label = label;
        this.total = Math.max(total, 1);
        this.done = 0;
        this.lastPercent = -1;
        this.startNanos = System.nanoTime();
        draw();
    }

    public void advance(long bytes) {
        done += bytes;
        draw();
    }

    public void finish() {
        if (quiet) {
            return;
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        String line = label + " " + (unit == null ? Sizes.human(done) : done + " " + unit) + " in " + millis + " ms";
        err.print(interactive ? "\r" + pad(line) + "\n" : line + "\n");
        err.flush();
    }

    /** A one-line message between steps ("model is up to date"). */
    public void note(String message) {
        if (!quiet) {
            err.println(message);
            err.flush();
        }
    }

    private void draw() {
        if (quiet || !interactive) {
            return;
        }
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * BAR / 100;
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + percent + "%");
        err.flush();
    }

    private static String pad(String line) {
        int width = 40 + BAR;
        return line.length() >= width ? line : line + " ".repeat(width - line.length());
    }
}
