package io.tandem.bench.soak;

import java.net.http.HttpRequest;
import java.util.function.IntPredicate;

/**
 * One kind of request the soak sends: a name, how to build it (a fresh one each time, so the
 * prediction cache is not all it measures), and which statuses count as right. Valid requests must
 * answer 200; hostile ones a 4xx — a 5xx or a 200 to a hostile request is a failure too.
 */
record SoakRequest(String name, boolean hostile, java.util.function.IntFunction<HttpRequest> build, IntPredicate expected) {
    static SoakRequest valid(String name, java.util.function.IntFunction<HttpRequest> build) {
        return new SoakRequest(name, false, build, s -> s == 200);
    }

    static SoakRequest hostile(String name, java.util.function.IntFunction<HttpRequest> build) {
        return new SoakRequest(name, true, build, s -> s >= 400 && s < 500);
    }
}
