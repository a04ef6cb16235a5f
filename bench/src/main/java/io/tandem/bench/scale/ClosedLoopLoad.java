package io.tandem.bench.scale;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * {@code concurrency} callers, each sending its next request as soon as the last is answered, for
 * a fixed time: throughput at that concurrency, the latency of the 200s, and every answer that
 * was not a 200 (which here means something was lost: nothing in the benchmark should be refused).
 */
final class ClosedLoopLoad {
    /** What one run measured. */
    record Result(long ok, long failed, double seconds, Latencies latencies, String firstFailure) {
        double perSecond() {
            return ok / seconds;
        }
    }

    private final HttpClient client;
    private final int concurrency;

    ClosedLoopLoad(HttpClient client, int concurrency) {
        this.client = client;
        this.concurrency = concurrency;
    }

    /** Runs for {@code duration}; {@code request} makes request number n (distinct n for every call). */
    Result run(Duration duration, LongFunction<HttpRequest> request) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        LongAdder failed = new LongAdder();
        ConcurrentLinkedQueue<Double> ms = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(request.apply(next.getAndIncrement()), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ms.add((System.nanoTime() - t0) / 1e6);
                        } else {
                            failed.increment();
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (IOException e) {
                        failed.increment();
                        failures.add(e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "bench-scale-caller-" + c);
            t.setDaemon(true);
            t.start();
            callers.add(t);
        }
        for (Thread t : callers) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] values = ms.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(values.length, failed.sum(), seconds, Latencies.of(values), failures.peek());
    }
}
