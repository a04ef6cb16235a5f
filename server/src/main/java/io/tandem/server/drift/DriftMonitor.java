package io.tandem.server.drift;

import io.tandem.pipeline.bundle.ReferenceStats;
import io.tandem.pipeline.drift.Feature;
import io.tandem.pipeline.drift.InputStatistics;
import io.tandem.pipeline.drift.Psi;
import io.tandem.pipeline.task.Prepared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift of one model version: the live input statistics, per source, in the bundle's reference
 * bins, and their PSI against the reference. Keeps counts only, never an input. Thread-safe.
 */
public final class DriftMonitor {
    /** Live inputs weighed per source (see {@link DecayedHistogram}): about the last this many. */
    public static final int WINDOW = 1000;
    /** Below this many inputs in the window the PSI is shown but no verdict is given: too noisy. */
    public static final int MIN_SAMPLES_FOR_VERDICT = 30;
    /**
     * Most of the browser window one client (API key, else address) may hold: a tenth. Reports are
     * unauthenticated counts, so no one sender may speak for the window.
     */
    public static final double MAX_CLIENT_SHARE = 0.1;
    /** Browser reports give a verdict only once this many clients are in the window. */
    public static final int MIN_CLIENTS_FOR_VERDICT = 3;
    /** Clients whose share is tracked at once; beyond it new senders are refused until shares decay. */
    static final int MAX_TRACKED_CLIENTS = 10_000;

    private final String model;
    private final String version;
    private final InputStatistics statistics;
    private final ReferenceStats reference;
    /** Feature names tracked: those the statistics measure and the reference has, in that order. */
    private final List<String> features = new ArrayList<>();
    private final int[] positions;
    private final Map<DriftSource, Window> windows = new EnumMap<>(DriftSource.class);

    public DriftMonitor(String model, String version, InputStatistics statistics, ReferenceStats reference) {
        this.model = model;
        this.version = version;
        this.statistics = statistics;
        this.reference = reference;
        List<Feature> measured = statistics.features();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            if (reference.feature(measured.get(i).name()) != null) {
                features.add(measured.get(i).name());
                positions.add(i);
            }
        }
        this.positions = positions.stream().mapToInt(Integer::intValue).toArray();
        for (DriftSource s : DriftSource.values()) {
            windows.put(s, new Window(s == DriftSource.BROWSER));
        }
    }

    public String model() {
        return model;
    }

    public String version() {
        return version;
    }

    public List<String> features() {
        return new ArrayList<>(features);
    }

    public ReferenceStats reference() {
        return reference;
    }

    /** One live input the server prepared: measured, counted, dropped. */
    public void observe(Prepared prepared) {
        double[] measured = statistics.measure(prepared);
        windows.get(DriftSource.SERVER).add(measured, positions);
    }

    /**
     * A browser's aggregated counts, already checked against the reference bins ({@link DriftReports}),
     * counted for at most what {@code client} may still add to the window ({@link #MAX_CLIENT_SHARE}).
     *
     * @return the inputs the report was counted as (0 when the client has its share already)
     */
    public double addReport(String client, long samples, Map<String, long[]> counts) {
        return windows.get(DriftSource.BROWSER).addCounts(client, samples, counts);
    }

    /** PSI of one feature for a source; NaN while that source has sent nothing. */
    public double psi(DriftSource source, String feature) {
        return windows.get(source).psi(feature);
    }

    /** The largest PSI over the features: the model's drift score for a source; NaN without data. */
    public double score(DriftSource source) {
        return windows.get(source).score();
    }

    /** Inputs weighed in a source's window now (decayed, at most {@link #WINDOW}). */
    public double windowSamples(DriftSource source) {
        return windows.get(source).weight();
    }

    /** What {@code GET /api/v1/models/{id}/drift} answers: this instance's windows alone. */
    public Map<String, Object> describe() {
        return describe(List.of());
    }

    /** This instance's windows now, as counts another instance can add to its own. */
    public DriftSnapshot snapshot() {
        Map<String, DriftSnapshot.Source> sources = new LinkedHashMap<>();
        for (DriftSource s : DriftSource.values()) {
            sources.put(s.label(), windows.get(s).snapshot());
        }
        return new DriftSnapshot(sources);
    }

    /**
     * As {@link #describe()}, with the windows of other instances of the same version added: the
     * counts of separate windows are additive, so the verdict is the one a single window over
     * all their traffic would give.
     */
    public Map<String, Object> describe(List<DriftSnapshot> others) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("version", version);
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("moderate", Psi.MODERATE);
        thresholds.put("significant", Psi.SIGNIFICANT);
        m.put("thresholds", thresholds);
        m.put("window", WINDOW);
        m.put("referenceSamples", reference.samples());
        Map<String, Object> sources = new LinkedHashMap<>();
        for (DriftSource s : DriftSource.values()) {
            DriftSnapshot.Source merged = windows.get(s).snapshot();
            for (DriftSnapshot other : others) {
                merged = merged.plus(other.sources().get(s.label()), features);
            }
            sources.put(s.label(), describe(merged, s == DriftSource.BROWSER));
        }
        m.put("sources", sources);
        if (!others.isEmpty()) {
            m.put("instances", 1 + others.size());
        }
        return m;
    }

    private Map<String, Object> describe(DriftSnapshot.Source source, boolean reported) {
        Map<String, Object> m = new LinkedHashMap<>();
        double weight = source.weight();
        double score = Double.NaN;
        List<Object> list = new ArrayList<>();
        for (String f : features) {
            double[] counts = source.counts().get(f);
            double psi = psiOf(f, counts);
            score = larger(score, psi);
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f);
            fm.put("bins", reference.feature(f).bins());
            fm.put("reference", reference.feature(f).counts());
            double[] rounded = counts.clone();
            for (int i = 0; i < rounded.length; i++) {
                rounded[i] = round(rounded[i], 10);
            }
            fm.put("live", rounded);
            fm.put("psi", Double.isNaN(psi) ? null : round(psi, 1e4));
            list.add(fm);
        }
        m.put("samples", source.seen());
        m.put("windowSamples", round(weight, 10));
        m.put("score", Double.isNaN(score) ? null : round(score, 1e4));
        if (reported) {
            m.put("clients", source.clients());
            m.put("verdict", verdict(score, weight, source.clients()));
        } else {
            m.put("verdict", verdict(score, weight));
        }
        m.put("features", list);
        return m;
    }

    /** Verdict for a score over a window of that many inputs. */
    static String verdict(double score, double samples) {
        if (samples <= 0 || Double.isNaN(score)) {
            return "no-data";
        }
        if (samples < MIN_SAMPLES_FOR_VERDICT) {
            return "too-few-samples";
        }
        return Psi.verdict(score);
    }

    /** As {@link #verdict(double, double)}, for reported counts: also {@code too-few-clients}. */
    static String verdict(double score, double samples, int clients) {
        String v = verdict(score, samples);
        return v.equals("no-data") || v.equals("too-few-samples") || clients >= MIN_CLIENTS_FOR_VERDICT ? v : "too-few-clients";
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    /** One source's live histograms, one per tracked feature. */
    private final class Window {
        private final Map<String, DecayedHistogram> live = new LinkedHashMap<>();
        /** Browser window only: each client's weight in it, decayed as the histograms are. */
        private final Map<String, Double> clients = new java.util.HashMap<>();
        private final boolean reported;
        private long seen;

        Window(boolean reported) {
            this.reported = reported;
            for (String f : features) {
                live.put(f, new DecayedHistogram(reference.feature(f).bins(), WINDOW));
            }
        }

        synchronized void add(double[] measured, int[] positions) {
            for (int i = 0; i < positions.length; i++) {
                live.get(features.get(i)).add(measured[positions[i]]);
            }
            seen++;
        }

        synchronized double addCounts(String client, long samples, Map<String, long[]> counts) {
            double cap = MAX_CLIENT_SHARE * WINDOW;
            double held = clients.getOrDefault(client, 0.0);
            if (!clients.containsKey(client) && clients.size() >= MAX_TRACKED_CLIENTS) {
                clients.values().removeIf(w -> w < 1);
                if (clients.size() >= MAX_TRACKED_CLIENTS) {
                    return 0;
                }
            }
            double counted = Math.min(samples, Math.max(0, cap - held));
            if (counted <= 0) {
                return 0;
            }
            // The histograms make room the same way (DecayedHistogram.makeRoom); the shares follow.
            double total = weight();
            if (total + counted > WINDOW && total > 0) {
                double keep = Math.max(0, WINDOW - counted) / total;
                clients.replaceAll((c, w) -> w * keep);
                clients.values().removeIf(w -> w < 1e-3);
            }
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                live.get(e.getKey()).addCounts(e.getValue(), counted);
            }
            clients.merge(client, counted, Double::sum);
            seen = Math.addExact(seen, samples);
            return counted;
        }

        /** Clients holding at least one input's weight in the window. */
        synchronized int clientCount() {
            int n = 0;
            for (double w : clients.values()) {
                if (w >= 1) {
                    n++;
                }
            }
            return n;
        }

        synchronized double weight() {
            return features.isEmpty() ? 0 : live.get(features.get(0)).total();
        }

        synchronized double psi(String feature) {
            DecayedHistogram h = live.get(feature);
            if (h == null) {
                throw new IllegalArgumentException("model " + model + " has no drift feature '" + feature + "'");
            }
            return psiOf(feature, h.counts());
        }

        synchronized DriftSnapshot.Source snapshot() {
            Map<String, double[]> counts = new LinkedHashMap<>();
            for (String f : features) {
                counts.put(f, live.get(f).counts());
            }
            return new DriftSnapshot.Source(seen, weight(), reported ? clientCount() : 0, counts);
        }

        synchronized double score() {
            double max = Double.NaN;
            for (String f : features) {
                max = larger(max, psi(f));
            }
            return max;
        }
    }

    /** PSI of live counts against the reference's; NaN while there are none. */
    private double psiOf(String feature, double[] counts) {
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        return total <= 0 ? Double.NaN : Psi.score(toDoubles(reference.feature(feature).counts()), counts);
    }

    /** The larger of a running maximum and a PSI, ignoring NaN (no data) on either side. */
    private static double larger(double max, double psi) {
        return !Double.isNaN(psi) && (Double.isNaN(max) || psi > max) ? psi : max;
    }

    private static double[] toDoubles(long[] counts) {
        return Arrays.stream(counts).asDoubleStream().toArray();
    }
}
