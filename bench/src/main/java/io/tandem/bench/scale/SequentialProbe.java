package io.tandem.bench.scale;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * One caller, one request at a time: the latency of a single path through an instance (a cache
 * hit, a rate-limit check) with nothing queued in front of it. Each answer's
 * {@code X-Tandem-Cache} is checked against what the row claims to measure.
 */
final class SequentialProbe {
    /** The latencies, and how many answers were not 200 with the expected cache outcome. */
    record Result(Latencies latencies, int unexpected, String firstUnexpected) {
    }

    private final HttpClient client;

    SequentialProbe(HttpClient client) {
        this.client = client;
    }

    /**
     * @param warmUp  requests sent first and not counted (JIT, connections, the cache entry itself)
     * @param count   requests timed
     * @param prepare untimed work before request n (e.g. filling the cache on another instance)
     * @param request request n
     * @param cache   the {@code X-Tandem-Cache} each answer must carry
     */
    Result measure(int warmUp, int count, LongConsumer prepare, LongFunction<HttpRequest> request, String cache)
            throws IOException, InterruptedException {
        double[] ms = new double[count];
        int unexpected = 0;
        String first = null;
        for (int i = -warmUp; i < count; i++) {
            long n = i + (long) warmUp;
            prepare.accept(n);
            HttpRequest r = request.apply(n);
            long t0 = System.nanoTime();
            HttpResponse<String> answer = client.send(r, HttpResponse.BodyHandlers.ofString());
            double took = (System.nanoTime() - t0) / 1e6;
            if (i < 0) {
                continue;
            }
            ms[i] = took;
            String outcome = answer.headers().firstValue("X-Tandem-Cache").orElse("none");
            if (answer.statusCode() != 200 || !outcome.equals(cache)) {
                unexpected++;
                if (first == null) {
                    first = answer.statusCode() + " cache=" + outcome + " " + answer.body();
                }
            }
        }
        return new Result(Latencies.of(ms), unexpected, first);
    }
}
