package io.tandem.cluster;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A job's server-sent events read to the end: {@code GET /api/v1/jobs/{id}/events} with
 * {@code Accept: text/event-stream}, each event with the moment it arrived, so a test can tell a
 * stream that trickles from one a proxy held back and delivered at once.
 */
final class SseStream {
    /** One event as received. */
    record Event(String name, String data, long arrivedNanos) {
    }

    /** The stream's status, the instance that served it, and its events in order. */
    record Result(int status, String instance, List<Event> events) {
        List<Event> named(String name) {
            return events.stream().filter(e -> e.name().equals(name)).toList();
        }
    }

    private SseStream() {
    }

    /** Reads until the server ends the stream; fails after {@code timeout}. */
    static Result read(Api api, String path, Duration timeout) {
        HttpRequest request = api.request(path).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = Api.client().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> r;
        try {
            r = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("no answer to " + request.uri() + ": " + e, e);
        }
        String instance = r.headers().firstValue(Reply.INSTANCE_HEADER).orElse("?");
        try (Stream<String> lines = r.body()) {
            CompletableFuture<List<Event>> events = CompletableFuture.supplyAsync(() -> parse(lines));
            return new Result(r.statusCode(), instance, events.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            throw new AssertionError("the event stream " + request.uri() + " did not end within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("reading the event stream " + request.uri() + " failed: " + e, e);
        }
    }

    /** The text/event-stream format: "event:" and "data:" lines, an empty line ends an event. */
    private static List<Event> parse(Stream<String> lines) {
        List<Event> events = new ArrayList<>();
        String[] name = {"message"};
        StringBuilder data = new StringBuilder();
        lines.forEachOrdered(line -> {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new Event(name[0], data.toString(), System.nanoTime()));
                }
                name[0] = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name[0] = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        });
        return events;
    }
}
