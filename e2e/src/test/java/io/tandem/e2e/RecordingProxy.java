package io.tandem.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A test-only HTTP proxy in front of the real server: the browser talks to it as if it were the
 * server (same origin for everything), it records every request (method, path with query, body),
 * and it can rewrite the body of chosen paths (a tampered model file, a manifest with another
 * version) while the real server keeps serving valid bundles. Conditional request headers are
 * dropped for rewritten paths so that every rewrite is seen (no 304s), and kept elsewhere so that
 * the bytes counted are what a browser really downloads.
 */
final class RecordingProxy implements AutoCloseable {
    /** One request the browser made; {@code client} is its {@code X-Tandem-Client} header, or null. */
    record Request(String method, String pathAndQuery, String body, String client) {
    }

    private static final Set<String> HOP = Set.of("connection", "content-length", "transfer-encoding", "host", "expect",
            "upgrade", "keep-alive", "accept-encoding");
    private static final Set<String> CONDITIONAL = Set.of("if-none-match", "if-modified-since");

    private final String target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, UnaryOperator<byte[]>> rewrites = new ConcurrentHashMap<>();
    /** Response body bytes sent to the browser, by path (decoded: the proxy asks for no compression). */
    private final Map<String, Long> bytesByPath = new ConcurrentHashMap<>();

    RecordingProxy(String targetBase) throws IOException {
        this.target = targetBase;
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    /** Rewrites the body of responses to {@code path} (exact, without query). */
    void rewrite(String path, UnaryOperator<byte[]> change) {
        rewrites.put(path, change);
    }

    void clearRewrites() {
        rewrites.clear();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
        bytesByPath.clear();
    }

    /** Response body bytes the browser received, by path, since the last {@link #clearRequests()}. */
    Map<String, Long> bytesByPath() {
        return Map.copyOf(bytesByPath);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            URI uri = ex.getRequestURI();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            requests.add(new Request(ex.getRequestMethod(), pathAndQuery, new String(body, java.nio.charset.StandardCharsets.UTF_8),
                    ex.getRequestHeaders().getFirst("X-Tandem-Client")));
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(target + pathAndQuery)).timeout(Duration.ofMinutes(2))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            boolean rewritten = rewrites.containsKey(uri.getRawPath());
            ex.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase();
                if (!HOP.contains(lower) && !(rewritten && CONDITIONAL.contains(lower))) {
                    values.forEach(v -> req.header(name, v));
                }
            });
            HttpResponse<byte[]> res;
            try {
                res = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(502, -1);
                return;
            }
            byte[] out = res.body();
            UnaryOperator<byte[]> change = rewrites.get(uri.getRawPath());
            if (change != null && res.statusCode() == 200) {
                out = change.apply(out);
            }
            res.headers().map().forEach((name, values) -> {
                boolean hideTag = rewritten && name.equalsIgnoreCase("etag");
                if (!HOP.contains(name.toLowerCase()) && !name.equalsIgnoreCase("content-encoding") && !hideTag) {
                    ex.getResponseHeaders().put(name, values);
                }
            });
            boolean noBody = out.length == 0 || res.statusCode() == 304 || "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(res.statusCode(), noBody ? -1 : out.length);
            if (!noBody) {
                bytesByPath.merge(uri.getRawPath(), (long) out.length, Long::sum);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException e) {
            // The browser went away (navigation, quit): nothing to answer.
        }
    }

    /** Stops answering; in-flight requests are cut. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
