package io.tandem.bench.scale;

import java.nio.file.Path;

/**
 * {@code ./tandem bench-scale} arguments.
 *
 * @param seconds     how long each /predict measurement runs (after a 3 s warm-up)
 * @param concurrency callers sending /predict through nginx at once
 * @param instances   the largest cluster measured (1, 2, … up to it)
 * @param jobs        jobs in each batch
 * @param jobInputs   penguin records per job
 * @param probes      timed requests per shared-state latency row
 * @param out         the report (docs/scale.md)
 */
record ScaleOptions(int seconds, int concurrency, int instances, int jobs, int jobInputs, int probes, Path out) {
    static final String USAGE = "usage: ./tandem bench-scale [--seconds S (15)] [--concurrency C (16)] [--instances N (3)]"
            + " [--jobs J (12)] [--job-inputs K (200)] [--probes P (2000)] [--out docs/scale.md]";

    static ScaleOptions parse(String[] args, Path root) {
        int seconds = 15;
        int concurrency = 16;
        int instances = 3;
        int jobs = 12;
        int jobInputs = 200;
        int probes = 2000;
        Path out = root.resolve("docs/scale.md");
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (option) {
                case "--seconds" -> seconds = whole(option, value, 600);
                case "--concurrency" -> concurrency = whole(option, value, 512);
                case "--instances" -> instances = whole(option, value, 8);
                case "--jobs" -> jobs = whole(option, value, 64);
                case "--job-inputs" -> jobInputs = whole(option, value, 256);
                case "--probes" -> probes = whole(option, value, 100_000);
                case "--out" -> out = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown argument '" + option + "'\n" + USAGE);
            }
        }
        return new ScaleOptions(seconds, concurrency, instances, jobs, jobInputs, probes, out);
    }

    private static int whole(String option, String value, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(option + " takes a whole number from 1 to " + max + ", not '" + value + "'\n" + USAGE);
    }
}
