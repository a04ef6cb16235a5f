package io.tandem.bench;

import java.nio.file.Path;

/**
 * What one benchmark run measures and where it writes.
 *
 * @param runs      timed predictions per row, after {@code warmup}
 * @param warmup    untimed predictions first
 * @param rounds    each page is loaded this many times, alternating with the others (samples pooled)
 * @param sentences how many of the fixed sentences the latency and parity rows use
 * @param tokenize  sentences in the tokenizer throughput rows
 * @param cold      measure time to first prediction (fresh Chromium profile per scenario)
 * @param docs      folder the report and charts go to
 * @param root      the repository root (models/, bench/node_modules)
 * @param tiny      the quick setting the test uses
 */
public record Options(int runs, int warmup, int rounds, int sentences, int tokenize, boolean cold,
                      Path docs, Path root, boolean tiny) {
    public static final String USAGE = """
            usage: BrowserBenchmark [--runs N] [--warmup N] [--rounds N] [--sentences N] [--tokenize N]
                                    [--no-cold] [--docs DIR] [--root DIR] [--tiny]
              --runs N       timed predictions per latency row (default 50)
              --warmup N     untimed predictions before them (default 10)
              --rounds N     page loads per row, interleaved with the other rows (default 2)
              --sentences N  fixed sentences used, 1..%d (default all)
              --tokenize N   sentences tokenized in the throughput rows (default 10000)
              --no-cold      skip the time-to-first-prediction rows
              --docs DIR     where browser-benchmarks.md and the charts go (default <root>/docs)
              --root DIR     the repository root (default: system property tandem.bench.root or .)
              --tiny         runs 3, warmup 1, rounds 1, sentences 4, tokenize 200 (a smoke test)
            """.formatted(Corpus.SENTENCES.size());

    public static Options defaults(Path root) {
        return new Options(50, 10, 2, Corpus.SENTENCES.size(), 10_000, true, root.resolve("docs"), root, false);
    }

    public Options tinySetting() {
        return new Options(3, 1, 1, 4, 200, cold, docs, root, true);
    }

    public static Options parse(String[] args) {
        Path root = Path.of(System.getProperty("tandem.bench.root", ".")).toAbsolutePath().normalize();
        Options o = defaults(root);
        boolean tiny = false;
        Integer runs = null, warmup = null, rounds = null, sentences = null, tokenize = null;
        Path docs = null;
        boolean cold = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--tiny" -> tiny = true;
                case "--no-cold" -> cold = false;
                case "--runs" -> runs = positive(a, value(args, ++i, a));
                case "--warmup" -> warmup = nonNegative(a, value(args, ++i, a));
                case "--rounds" -> rounds = positive(a, value(args, ++i, a));
                case "--sentences" -> sentences = positive(a, value(args, ++i, a));
                case "--tokenize" -> tokenize = positive(a, value(args, ++i, a));
                case "--docs" -> docs = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                case "--root" -> root = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        o = new Options(o.runs, o.warmup, o.rounds, o.sentences, o.tokenize, cold,
                docs != null ? docs : root.resolve("docs"), root, false);
        if (tiny) {
            o = o.tinySetting();
        }
        o = new Options(runs != null ? runs : o.runs, warmup != null ? warmup : o.warmup,
                rounds != null ? rounds : o.rounds,
                Math.min(Corpus.SENTENCES.size(), sentences != null ? sentences : o.sentences),
                tokenize != null ? tokenize : o.tokenize, o.cold, o.docs, o.root, o.tiny);
        return o;
    }

    public Options withDocs(Path dir) {
        return new Options(runs, warmup, rounds, sentences, tokenize, cold, dir, root, tiny);
    }

    public String describe() {
        return "runs " + runs + ", warm-up " + warmup + ", rounds " + rounds + ", sentences " + sentences
                + ", tokenize " + tokenize + (tiny ? " (--tiny)" : "") + (cold ? "" : ", no cold/warm rows");
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static int positive(String name, String v) {
        int n = nonNegative(name, v);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
        return n;
    }

    private static int nonNegative(String name, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'", e);
        }
    }
}
