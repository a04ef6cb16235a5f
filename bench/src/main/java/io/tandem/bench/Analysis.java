package io.tandem.bench;

import java.util.Locale;

/**
 * The "why, and what would fix it" paragraphs, written from this run's numbers: for every row where
 * Tandem is slower than transformers.js, or spends 10 % or more outside session.run.
 */
final class Analysis {
    private Analysis() {
    }

    static String text(Results r) {
        StringBuilder s = new StringBuilder();
        String tjsOrt = r.environment.getOrDefault("onnxruntime-web inside transformers.js", "?");
        double tandemPrepPerSentence = perSentence(r, "browser: Tandem m.prepare");
        double tjsTokPerSentence = perSentence(r, "browser: transformers.js tokenizer(text)");
        boolean any = false;
        for (String m : Results.MODELS) {
            for (boolean two : new boolean[] {false, true}) {
                Results.Latency t = r.latency(m, two ? Results.TANDEM_2T : Results.TANDEM_1T);
                Results.Latency raw = r.latency(m, two ? Results.RAW_2T : Results.RAW_1T);
                Results.Latency tjs = r.latency(m, two ? Results.TJS_2T : Results.TJS_1T);
                if (!t.measured() || !raw.measured()) {
                    continue;
                }
                double tm = t.median(), rm = raw.median(), outside = tm - rm, share = r.outsideShare(m, two);
                double prep = Stats.median(r.prepare.get(m));
                String label = m + ", " + (two ? 2 : 1) + " thread" + (two ? "s" : "");
                if (tjs.measured() && tm > tjs.median()) {
                    any = true;
                    double jm = tjs.median();
                    s.append(f("- **%s — slower than transformers.js**: Tandem %s ms vs %s ms (%.2f×). ", label, Report.num(tm), Report.num(jm), tm / jm));
                    if (rm >= jm * 0.95) {
                        s.append(f("Why: the runtime, not the wrapper — ONNX Runtime Web 1.29.0's `session.run` alone takes %s ms on the "
                                + "prepared tensors, while transformers.js (tokenizer + run + pooling) takes %s ms on its own ORT Web %s "
                                + "build. Tandem adds %s ms on top of the floor. Fix: move Tandem to the ORT Web release transformers.js "
                                + "ships (its kernels for this model are faster here), keeping onnxruntime Java at the same version, and "
                                + "rerun this benchmark; no change in Tandem's own code can close this part.%n",
                                Report.num(rm), Report.num(jm), tjsOrt, Report.num(outside)));
                    } else {
                        s.append(f("Why: the floor (%s ms) is below transformers.js's %s ms, so Tandem's %s ms outside `session.run` "
                                + "makes the difference (m.prepare alone %s ms). Fix: see the next point.%n",
                                Report.num(rm), Report.num(jm), Report.num(outside), Report.num(prep)));
                    }
                }
                if (Double.isFinite(share) && share >= 0.10) {
                    any = true;
                    s.append(f("- **%s — %s outside session.run** (%s of %s ms). ", label, Report.pct(share), Report.num(outside), Report.num(tm)));
                    if (m.equals(Results.MNIST)) {
                        s.append(f("Why: the model is tiny (`session.run` %s ms), so any preprocessing dominates: m.prepare alone takes %s ms"
                                + " — "
                                + "the 280×280 RGBA input is copied from the ImageData into a Java byte[] (313 KB), then grayscale, "
                                + "ink crop, area resize to 20×20 and centre-of-mass shift run in TeaVM's JavaScript; the rest "
                                + "(%s ms) is the tensor wrap, softmax/top-k, the result objects and the promise hops. "
                                + "Fix: read the pixels in place (a typed-array view instead of the byte[] copy), fuse grayscale and "
                                + "crop into one pass over the bytes and downscale the crop before the exact area resize; compiling "
                                + "`pipeline` to TeaVM's WebAssembly GC target (also real f32) should cut the loop cost. "
                                + "The proxy-worker hop (two messages and two copies per prediction) adds a fixed cost too; `worker: false` "
                                + "removes it at the price of running the model on the page's main thread. "
                                + "For a sub-millisecond model the share stays high even then; in absolute terms it is %s ms per prediction.%n",
                                Report.num(rm), Report.num(prep), Report.num(Math.max(0, outside - prep)), Report.num(outside)));
                    } else {
                        double rest = Math.max(0, outside - prep);
                        s.append(f("Why: m.prepare (tokenizer → ids/mask/type ids → typed arrays) takes %s ms of it", Report.num(prep)));
                        if (Double.isFinite(tandemPrepPerSentence) && Double.isFinite(tjsTokPerSentence)) {
                            s.append(f(" (tokenizer rows: Tandem %.3f ms per sentence vs transformers.js %.3f ms)", tandemPrepPerSentence, tjsTokPerSentence));
                        }
                        s.append(f("; the other %s ms are creating the ORT tensors, the round trip to ORT Web's "
                                + "proxy worker (inputs over, the sequence × 384 `last_hidden_state` back), copying that output into a Java "
                                + "float[], mean pooling + L2 in TeaVM JavaScript and building the 384-number result array. ", Report.num(rest)));
                        s.append("Fix: " + (prep >= rest && !dispatchBound(r)
                                ? "make the WordPiece tokenizer cheaper under TeaVM (fewer String/substring allocations per word, a vocabulary "
                                + "lookup on the char array, reused int buffers, writing ids straight into the BigInt64Array), or compile the "
                                + "pipeline to WebAssembly GC; "
                                : "")
                                + "compare `worker: false` for small inputs (the worker hop costs two copies and two messages per "
                                + "prediction, and on a busy machine the worker also waits for a core), pool straight from the output's "
                                + "Float32Array (no float[] copy) and return the embedding as a Float32Array. "
                                + (two ? "with 2 threads `session.run` shrinks but the single-threaded wrapper does not, so the share grows. " : "")
                                + "Re-measure with this benchmark after each step.\n");
                    }
                }
            }
        }
        if (!any) {
            s.append("Every measured row meets both goals in this run.\n");
        }
        return s.toString();
    }

    /** True when the probe shows m.prepare of a 3-token text costing about one chained setTimeout(0): the dispatch, not the tokenizer. */
    private static boolean dispatchBound(Results r) {
        return !r.setTimeout0.isEmpty() && Stats.median(r.prepareShort) < Stats.median(r.setTimeout0) + 1.0;
    }

    private static double perSentence(Results r, String prefix) {
        for (Results.Tokenize t : r.tokenize) {
            if (t.setup().startsWith(prefix)) {
                return t.ms() / t.sentences();
            }
        }
        return Double.NaN;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
