package io.tandem.bench.scale;

import io.tandem.testkit.TandemProcess;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * One caller, one request at a time: the latency of single paths through instances (a cache hit,
 * a rate-limit check) with nothing queued in front of them. The paths compared are interleaved
 * (one request of each in turn, the order rotating), so a burst of other work on a shared
 * machine falls on all of them alike instead of on whichever ran at that moment. Each answer's
 * {@code X-Tandem-Cache} is checked against what its row claims to measure.
 */
final class SequentialProbe {
    /**
     * One path measured.
     *
     * @param name     the row's name
     * @param instance the instance it is measured on
     * @param prepare  untimed work before request n (e.g. filling the cache on another instance)
     * @param request  request n
     * @param cache    the {@code X-Tandem-Cache} each answer must carry
     */
    record Path(String name, TandemProcess instance, LongConsumer prepare, LongFunction<HttpRequest> request, String cache) {
        static Path of(String name, TandemProcess instance, LongFunction<HttpRequest> request, String cache) {
            return new Path(name, instance, n -> { }, request, cache);
        }
    }

    /** A path's latencies, and how many answers were not 200 with the expected cache outcome. */
    record Result(Latencies latencies, int unexpected, String firstUnexpected) {
    }

    private final HttpClient client;

    SequentialProbe(HttpClient client) {
        this.client = client;
    }

    /** {@code warmUp} untimed rounds, then {@code count} timed ones; each round sends one request of every path. */
    Map<Path, Result> measure(List<Path> paths, int warmUp, int count) throws IOException, InterruptedException {
        Map<Path, double[]> ms = new LinkedHashMap<>();
        Map<Path, List<String>> unexpected = new LinkedHashMap<>();
        paths.forEach(p -> {
            ms.put(p, new double[count]);
            unexpected.put(p, new ArrayList<>());
        });
        for (int round = -warmUp; round < count; round++) {
            long n = round + (long) warmUp;
            for (int k = 0; k < paths.size(); k++) {
                Path p = paths.get((int) ((k + n) % paths.size()));
                p.prepare().accept(n);
                HttpRequest r = p.request().apply(n);
                long t0 = System.nanoTime();
                HttpResponse<String> answer = client.send(r, HttpResponse.BodyHandlers.ofString());
                double took = (System.nanoTime() - t0) / 1e6;
                if (round < 0) {
                    continue;
                }
                ms.get(p)[round] = took;
                String outcome = answer.headers().firstValue("X-Tandem-Cache").orElse("none");
                if (answer.statusCode() != 200 || !outcome.equals(p.cache())) {
                    unexpected.get(p).add(answer.statusCode() + " cache=" + outcome + " " + answer.body());
                }
            }
        }
        Map<Path, Result> results = new LinkedHashMap<>();
        for (Path p : paths) {
            List<String> wrong = unexpected.get(p);
            results.put(p, new Result(Latencies.of(ms.get(p)), wrong.size(), wrong.isEmpty() ? null : wrong.get(0)));
        }
        return results;
    }
}
