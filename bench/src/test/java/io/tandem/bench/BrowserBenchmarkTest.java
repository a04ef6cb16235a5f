package io.tandem.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark command's own code on the --tiny setting: every row is measured (or named as not
 * measurable, with its reason) and written to the report with sane values. Never a timing
 * assertion: this machine is shared, and speed is what the command reports, not what a test checks.
 */
class BrowserBenchmarkTest {
    @TempDir
    Path docs;

    @Test
    void tinyRunWritesEveryRow() throws Exception {
        Options options = Options.parse(new String[] {"--tiny", "--docs", docs.toString()});
        BrowserBenchmark bench = new BrowserBenchmark(options);
        Path report = bench.runOnLargeStack();
        Results r = bench.results();

        assertThat(report).isEqualTo(docs.resolve(Report.FILE)).isRegularFile();
        String md = Files.readString(report);
        for (Results.Latency l : r.latencies()) {
            assertThat(md).contains("| " + l.setup + " |");
            boolean notApplicable = l.model.equals(Results.MNIST) && l.setup.startsWith("transformers.js");
            // Tandem's 2-thread row needs the client's `threads` load option; without it the row names why.
            boolean mayBeMissing = notApplicable || l.setup.equals(Results.TANDEM_2T);
            if (notApplicable) {
                assertThat(l.measured()).as(l.model + " / " + l.setup).isFalse();
            }
            if (mayBeMissing && !l.measured()) {
                assertThat(l.note).as(l.model + " / " + l.setup).isNotBlank();
                assertThat(md).contains("not measured: " + l.note);
            } else {
                assertThat(l.samples).as(l.model + " / " + l.setup).hasSize(options.runs() * options.rounds());
                assertThat(l.samples).as(l.model + " / " + l.setup).allSatisfy(ms -> assertThat(ms).isPositive().isLessThan(600_000.0));
            }
        }
        for (String m : Results.MODELS) {
            assertThat(md).contains("### " + m);
            assertThat(r.outsideShare(m, false)).as(m).isFinite().isLessThan(1.0);
            if (r.latency(m, Results.TANDEM_2T).measured()) {
                assertThat(r.outsideShare(m, true)).as(m).isFinite().isLessThan(1.0);
            }
            assertThat(r.prepare.get(m)).allSatisfy(ms -> assertThat(ms).isPositive());
            assertThat(docs.resolve("browser-benchmarks-" + m.replace(' ', '-') + ".svg")).isRegularFile();
        }

        // --tiny keeps the light cold/warm rows and names the others as skipped.
        assertThat(r.firstPredictions).extracting(Results.FirstPrediction::what).containsExactly(
                "Tandem wasm: " + Results.MNIST, "Tandem auto: " + Results.MNIST, "demo /digits.html?device=wasm (until ready)");
        assertThat(r.notes).anySatisfy(n -> assertThat(n).startsWith("Skipped in --tiny: first prediction, transformers.js"));
        for (Results.FirstPrediction f : r.firstPredictions) {
            for (var load : List.of(f.cold(), f.warm())) {
                assertThat(((Number) load.get("ms")).doubleValue()).as(f.what()).isPositive();
                assertThat(((Number) load.get("decoded")).longValue()).as(f.what()).isPositive();
            }
            // Cold downloads the model; warm revalidates or reads the cache.
            assertThat(((Number) f.cold().get("decoded")).longValue()).isGreaterThan(10_000L);
            assertThat(md).contains("| " + f.what() + " |");
        }
        // Tandem's rows say where the load's time went (model.loadInfo.phases).
        assertThat(md).contains("Where the time went", "runtime start ", "wasm session ", "model file ");
        assertThat(md).contains("| /tandem.js | ");
        assertThat(docs.resolve("browser-benchmarks-first-prediction.svg")).isRegularFile();

        assertThat(r.tokenize).hasSize(5).allSatisfy(t -> {
            assertThat(t.sentences()).isEqualTo(options.tokenize());
            assertThat(t.perSecond()).as(t.setup()).isPositive().isFinite();
            assertThat(md).contains("| " + t.setup() + " |");
        });

        assertThat(r.embeddings).extracting(Results.EmbeddingParity::variant).containsExactly(Results.FP32, Results.INT8);
        assertThat(r.embeddings).allSatisfy(e -> {
            assertThat(e.sentences()).isEqualTo(options.sentences());
            assertThat(e.minCosine()).as(e.variant()).isBetween(0.99, 1.0 + 1e-6);
            assertThat(e.meanCosine()).as(e.variant()).isBetween(e.minCosine(), 1.0 + 1e-6);
        });
        assertThat(r.ids).hasSize(2).allSatisfy(p -> {
            assertThat(p.total()).isPositive();
            assertThat(p.identical()).isBetween(0, p.total());
            assertThat(md).contains("| " + p.what() + " |");
        });
        assertThat(md).contains(Report.COMMAND, "## Where Tandem misses the goal", "Chromium");
    }
}
