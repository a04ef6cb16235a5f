package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input, on purpose, over a raw socket (so nothing in a client library tidies it up): each case
 * gets a 4xx (or the documented status) in the JSON error shape with nothing of Java in it, the
 * server stays healthy, and neither the prediction cache nor any drift window moves.
 */
class HostileRequestsTest {
    private static final String TEXT = "/api/v1/models/minilm-l6-v2/predict";
    private static final String DIGITS = "/api/v1/models/mnist-cnn/predict";
    private static final String PENGUINS = "/api/v1/models/penguins/predict";
    private static final String JOBS = "/api/v1/models/minilm-l6-v2/jobs";
    private static final String REPORTS = "/api/v1/models/mnist-cnn/drift/reports";
    private static final String JSON = "application/json";

    private static RunningServer server;
    private static ObjectNode validReport;

    /** One hostile request: the bytes sent and the statuses that are right for it. */
    record Case(Supplier<byte[]> request, int... statuses) {
    }

    @BeforeAll
    static void start() {
        server = RunningServer.withTestModels();
        validReport = report(5);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Named<Case>> cases() {
        List<Named<Case>> c = new ArrayList<>();
        // 5. Lax parsing: one strict JSON document, application/json only, strict UTF-8.
        c.add(jsonCase("trailing garbage after the JSON", TEXT, "{\"input\":\"a\"} x", 400));
        c.add(jsonCase("two JSON documents in one body", TEXT, "{\"input\":\"a\"}{\"input\":\"b\"}", 400));
        c.add(jsonCase("a duplicate key", TEXT, "{\"input\":\"a\",\"input\":\"b\"}", 400));
        c.add(jsonCase("a comment in the JSON", TEXT, "/* hi */{\"input\":\"a\"}", 400));
        c.add(jsonCase("single-quoted JSON", TEXT, "{'input':'a'}", 400));
        c.add(jsonCase("a NaN literal", TEXT, "{\"input\": NaN}", 400));
        c.add(jsonCase("an empty body", TEXT, "", 400));
        c.add(jsonCase("the JSON null", TEXT, "null", 400));
        c.add(jsonCase("a JSON array", TEXT, "[\"a\"]", 400));
        c.add(jsonCase("a number as the text", TEXT, "{\"input\": 42}", 400));
        c.add(jsonCase("JSON nested 5000 deep", TEXT, "{\"input\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 400));
        c.add(jsonCase("a 5000-digit number", TEXT, "{\"input\":\"a\",\"n\":" + "9".repeat(5000) + "}", 400));
        c.add(jsonCase("text longer than the model's limit", TEXT, "{\"input\":\"" + "a".repeat(100_001) + "\"}", 400));
        c.add(named("invalid UTF-8 in a string", post(TEXT, JSON, bytes("{\"input\":\"a", new byte[]{(byte) 0xff, (byte) 0xfe}, "\"}")), 400));
        c.add(named("overlong UTF-8 encoding of '/'", post(TEXT, JSON, bytes("{\"input\":\"a", new byte[]{(byte) 0xc0, (byte) 0xaf}, "\"}")), 400));
        c.add(named("a truncated UTF-8 sequence", post(TEXT, JSON, bytes("{\"input\":\"a", new byte[]{(byte) 0xe2, (byte) 0x82}, "\"}")), 400));
        c.add(named("Content-Type application/jsonpwned", post(TEXT, "application/jsonpwned", utf8("{\"input\":\"a\"}")), 415));
        c.add(named("no Content-Type", post(TEXT, null, utf8("{\"input\":\"a\"}")), 415));
        c.add(named("Content-Type text/plain", post(TEXT, "text/plain", utf8("{\"input\":\"a\"}")), 415));
        c.add(named("a form post", post(TEXT, "application/x-www-form-urlencoded", utf8("input=a")), 415));
        c.add(named("a JSON body declared latin-1", post(TEXT, "application/json; charset=iso-8859-1", utf8("{\"input\":\"a\"}")), 415));
        c.add(named("text/json", post(TEXT, "text/json", utf8("{\"input\":\"a\"}")), 415));
        // 1. Lone surrogates: refused at the boundary, in values and in names.
        c.add(jsonCase("a lone high surrogate", TEXT, "{\"input\":\"T \\ud800 x\"}", 400));
        c.add(jsonCase("a lone low surrogate", TEXT, "{\"input\":\"T \\udc00 x\"}", 400));
        c.add(jsonCase("surrogates in the wrong order", TEXT, "{\"input\":\"\\udc00\\ud800\"}", 400));
        c.add(jsonCase("a lone surrogate in a field name", TEXT, "{\"\\ud800\":1,\"input\":\"a\"}", 400));
        c.add(jsonCase("a lone surrogate in a job input", JOBS, "{\"inputs\":[\"ok\",\"\\ud800\"]}", 400));
        c.add(jsonCase("a lone surrogate in a tabular value", PENGUINS, "{\"input\":{\"island\":\"\\ud800\"}}", 400));
        // 2. Body limits, declared or streamed.
        c.add(named("Content-Length 99999999999", raw("POST " + TEXT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999999\r\nConnection: close\r\n\r\n{\"input\":\"a\"}"), 413));
        c.add(named("Content-Length of 20 MB, body never sent", raw("POST " + TEXT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 20000000\r\nConnection: close\r\n\r\n{\"input\":"), 413));
        c.add(named("a 17 MiB chunked body", chunked(TEXT, JSON, 17 << 20), 413));
        c.add(named("a 100 KB chunked drift report", chunked(REPORTS, JSON, 100_000), 413));
        c.add(named("a 17 MiB chunked image", chunked(DIGITS, "image/png", 17 << 20), 413));
        c.add(named("a chunk size that is not hex", raw("POST " + TEXT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"), 400));
        c.add(named("a negative Content-Length", raw("POST " + TEXT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: -5\r\nConnection: close\r\n\r\n"), 400));
        c.add(named("two different Content-Lengths", raw("POST " + TEXT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 13\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{\"input\":\"a\"}"), 400));
        c.add(named("Content-Length beside chunked", raw("POST " + TEXT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 13\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n"), 400));
        // 3. Images: what the model takes first, then format and size from the header alone.
        c.add(named("a 2 KB PNG declaring 4096x4096", post(DIGITS, "image/png", pngHeader(4096, 4096)), 400));
        c.add(named("a PNG declaring 2049x2048", post(DIGITS, "image/png", pngHeader(2049, 2048)), 400));
        c.add(named("a PNG declaring 100000x1", post(DIGITS, "image/png", pngHeader(100_000, 1)), 400));
        c.add(named("a PNG declaring 0x0", post(DIGITS, "image/png", pngHeader(0, 0)), 400));
        c.add(named("a PNG sent to the text model", post(TEXT, "image/png", pngHeader(4096, 4096)), 400));
        c.add(named("a PNG bomb uploaded to the text model", multipart(TEXT, "file", "image/png", pngHeader(4096, 4096)), 400));
        c.add(named("a truncated PNG", post(DIGITS, "image/png", Arrays.copyOf(png(28, 28), 60)), 400));
        c.add(named("a GIF sent as image/png", post(DIGITS, "image/png", encoded("gif")), 415));
        c.add(named("a BMP sent as image/jpeg", post(DIGITS, "image/jpeg", encoded("bmp")), 415));
        c.add(named("a GIF as image/gif", post(DIGITS, "image/gif", encoded("gif")), 415));
        c.add(named("a TIFF as image/tiff", post(DIGITS, "image/tiff", encoded("tiff")), 415));
        c.add(named("random bytes as image/jpeg", post(DIGITS, "image/jpeg", utf8("certainly not a jpeg")), 415));
        c.add(jsonCase("raw RGBA declaring 100000x100000", DIGITS, "{\"input\":{\"width\":100000,\"height\":100000,\"data\":\"\"}}", 400));
        c.add(jsonCase("raw RGBA declaring 2048x4096", DIGITS, "{\"input\":{\"width\":2048,\"height\":4096,\"data\":\"\"}}", 400));
        c.add(jsonCase("raw RGBA with a negative width", DIGITS, "{\"input\":{\"width\":-1,\"height\":1,\"data\":\"AAAA\"}}", 400));
        c.add(jsonCase("raw RGBA whose data does not fit", DIGITS, "{\"input\":{\"width\":2,\"height\":2,\"data\":\"AAAA\"}}", 400));
        c.add(jsonCase("raw RGBA with broken base64", DIGITS, "{\"input\":{\"width\":1,\"height\":1,\"data\":\"!!!\"}}", 400));
        c.add(jsonCase("an image object sent to the text model", TEXT, "{\"input\":{\"width\":1,\"height\":1,\"data\":\"AAAAAA==\"}}", 400));
        // 4. Malformed multipart: the caller's 400, not a 500 with a stack.
        c.add(named("multipart without a boundary", post(DIGITS, "multipart/form-data", utf8("--x\r\n\r\nhello\r\n--x--\r\n")), 400));
        c.add(named("multipart with the wrong boundary", post(DIGITS, "multipart/form-data; boundary=abc", utf8("--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nhi\r\n--xyz--\r\n")), 400));
        c.add(named("multipart garbage", post(DIGITS, "multipart/form-data; boundary=abc", utf8("\u0000\u0001garbage garbage")), 400));
        c.add(named("multipart with 5000 parts", post(DIGITS, "multipart/form-data; boundary=b", manyParts(5000)), 400));
        c.add(named("multipart without a 'file' part", multipart(DIGITS, "picture", "image/png", png(28, 28)), 400));
        c.add(named("multipart with a GIF file", multipart(DIGITS, "file", "image/png", encoded("gif")), 415));
        // 4. Numbers and echoes: tabular values must be finite and sane; messages never grow with input.
        c.add(jsonCase("a tabular 1e308", PENGUINS, "{\"input\":{\"bill_length_mm\":1e308}}", 400));
        c.add(jsonCase("a tabular 1e400 (infinite)", PENGUINS, "{\"input\":{\"bill_length_mm\":1e400}}", 400));
        c.add(jsonCase("a tabular -1e12", PENGUINS, "{\"input\":{\"bill_length_mm\":-1e12}}", 400));
        c.add(jsonCase("a tabular nested object", PENGUINS, "{\"input\":{\"bill_length_mm\":{\"a\":1}}}", 400));
        c.add(jsonCase("a tabular 20 KB feature name", PENGUINS, "{\"input\":{\"" + "n".repeat(20_000) + "\":[1]}}", 400));
        c.add(jsonCase("a tabular 20 KB string value", PENGUINS, "{\"input\":{\"island\":\"" + "x".repeat(20_000) + "\"}}", 400));
        c.add(named("a 5000-character model id", post("/api/v1/models/" + "m".repeat(5000) + "/predict", JSON, utf8("{\"input\":\"a\"}")), 404));
        c.add(named("a 5000-character job id", get("/api/v1/jobs/" + "j".repeat(5000)), 404));
        // 5. Method override is not honoured: a POST stays a POST.
        c.add(named("POST /api/v1/models overridden to GET", raw("POST /api/v1/models HTTP/1.1\r\nHost: x\r\nX-HTTP-Method-Override: GET\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n"), 404, 405));
        c.add(named("POST predict overridden to DELETE", raw("POST " + TEXT + " HTTP/1.1\r\nHost: x\r\nX-HTTP-Method-Override: DELETE\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx"), 415));
        // 6. Jetty's own refusals, in the JSON shape.
        c.add(named("a garbage request line", raw("FOO BAR BAZ QUX\r\nHost: x\r\nConnection: close\r\n\r\n"), 400));
        c.add(named("HTTP/3.0", raw("GET /health HTTP/3.0\r\nHost: x\r\nConnection: close\r\n\r\n"), 505));
        c.add(named("a 20 000-character URI", raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 414, 431));
        c.add(named("a 20 KB header", raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n"), 431));
        c.add(named("a header line without a colon", raw("GET /health HTTP/1.1\r\nHost: x\r\nno colon here\r\nConnection: close\r\n\r\n"), 400));
        c.add(named("a header name with a space", raw("GET /health HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\nConnection: close\r\n\r\n"), 400));
        c.add(named("HTTP/1.1 without Host", raw("GET /health HTTP/1.1\r\nConnection: close\r\n\r\n"), 400));
        // 9. Drift reports: bounded, consistent, and nothing counted when refused.
        c.add(named("a drift count of 2^63-1", report(r -> counts(r, 0).set(0, Long.MAX_VALUE)), 400));
        c.add(named("drift counts that wrap a long", report(r -> {
            counts(r, 0).set(0, Long.MAX_VALUE);
            counts(r, 0).set(1, Long.MAX_VALUE);
        }), 400));
        c.add(named("a negative drift count", report(r -> counts(r, 0).set(0, -1)), 400));
        c.add(named("drift counts not adding up to samples", report(r -> counts(r, 1).set(0, 99)), 400));
        c.add(named("drift samples of 2^63-1", report(r -> r.put("samples", Long.MAX_VALUE)), 400));
        c.add(named("drift samples of 0", report(r -> r.put("samples", 0)), 400));
        c.add(named("drift bins not the reference's", report(r -> ((ArrayNode) r.path("features").get(0).path("bins")).set(0, 0.5)), 400));
        c.add(named("a drift feature reported twice", report(r -> ((ArrayNode) r.path("features")).add(r.path("features").get(0).deepCopy())), 400));
        c.add(named("a fractional drift count", report(r -> counts(r, 0).set(0, 4.5)), 400));
        c.add(named("a drift report as text/plain", post(REPORTS, "text/plain", utf8(validReport.toString())), 415));
        c.add(named("a drift report with trailing garbage", post(REPORTS, JSON, utf8(validReport + "]")), 400));
        // 8. Jobs are strict too.
        c.add(jsonCase("too many job inputs", JOBS, "{\"inputs\":[" + String.join(",", java.util.Collections.nCopies(300, "\"a\"")) + "]}", 400));
        c.add(named("a job as text/plain", post(JOBS, "text/plain", utf8("{\"inputs\":[\"a\"]}")), 415));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedCleanlyAndChangesNothing(Case hostile) throws IOException {
        String before = state();
        Response r = send(hostile.request().get());
        assertThat(hostile.statuses()).as("status %d: %s", r.status, r.body).contains(r.status);
        assertThat(r.header("content-type")).as(r.body).startsWith("application/json");
        JsonNode body = parseJson(r.body);
        assertThat(body.path("error").isTextual()).as(r.body).isTrue();
        assertThat(body.path("message").isTextual()).as(r.body).isTrue();
        assertThat(body.path("message").asText().length()).as(r.body).isLessThanOrEqualTo(401);
        assertThat(r.body).doesNotContain("Exception", "at io.", "com.fasterxml", "org.eclipse", "java.", "StreamReadConstraints", "<html");
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(state()).as("cache and drift after the hostile request").isEqualTo(before);
    }

    @Test
    void aLoneSurrogateCannotPoisonTheCacheEntryOfAQuestionMark() {
        assertThat(server.postJson(TEXT, java.util.Map.of("input", "T \ud800 x")).statusCode()).isEqualTo(400);
        var r = server.postJson(TEXT, java.util.Map.of("input", "T ? x"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Tandem-Cache")).hasValue("MISS");
    }

    @Test
    void anOversizedDeclaredBodyIsRefusedAtOnce() throws IOException {
        long start = System.nanoTime();
        Response r = send(raw("POST " + TEXT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999999\r\nConnection: close\r\n\r\n").get());
        assertThat(r.status).isEqualTo(413);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(3);
    }

    @Test
    void aPngBombIsRefusedFromItsHeaderInMilliseconds() throws IOException {
        long start = System.nanoTime();
        assertThat(send(post(DIGITS, "image/png", pngHeader(4096, 4096)).get()).status).isEqualTo(400);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1);
    }

    /** What a hostile request must not move: the cache's size and every drift window. */
    private static String state() {
        String metrics = server.get("/metrics").body();
        String cache = metrics.lines().filter(l -> l.startsWith("cache_size")).findFirst().orElse("no cache_size");
        StringBuilder s = new StringBuilder(cache);
        for (String model : List.of("mnist-cnn", "minilm-l6-v2", "penguins")) {
            var drift = server.get("/api/v1/models/" + model + "/drift");
            s.append('\n').append(drift.statusCode() == 200 ? json(drift).path("sources").toString() : "no drift");
        }
        return s.toString();
    }

    private static JsonNode parseJson(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    // ---- requests ----

    private static Named<Case> named(String name, Supplier<byte[]> request, int... statuses) {
        return Named.of(name, new Case(request, statuses));
    }

    private static Named<Case> jsonCase(String name, String path, String body, int... statuses) {
        return named(name, post(path, JSON, utf8(body)), statuses);
    }

    private static Supplier<byte[]> raw(String request) {
        return () -> request.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Supplier<byte[]> get(String path) {
        return raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    private static Supplier<byte[]> post(String path, String contentType, byte[] body) {
        return () -> {
            String head = "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            return bytes(head, body, "");
        };
    }

    private static Supplier<byte[]> chunked(String path, String contentType, int size) {
        return () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(size + 4096);
            out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + contentType
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(chunk);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return out.toByteArray();
        };
    }

    private static Supplier<byte[]> multipart(String path, String field, String type, byte[] file) {
        byte[] body = bytes("--b\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"x\"\r\nContent-Type: " + type + "\r\n\r\n",
                file, "\r\n--b--\r\n");
        return post(path, "multipart/form-data; boundary=b", body);
    }

    private static byte[] manyParts(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("--b\r\nContent-Disposition: form-data; name=\"p").append(i).append("\"\r\n\r\nv\r\n");
        }
        return utf8(s.append("--b--\r\n").toString());
    }

    private static Supplier<byte[]> report(java.util.function.Consumer<ObjectNode> change) {
        return () -> {
            ObjectNode r = validReport.deepCopy();
            change.accept(r);
            return post(REPORTS, JSON, utf8(r.toString())).get();
        };
    }

    private static ArrayNode counts(ObjectNode report, int feature) {
        return (ArrayNode) report.path("features").get(feature).path("counts");
    }

    /** A valid browser report of {@code n} inputs for mnist-cnn, all in the first bin. */
    private static ObjectNode report(int n) {
        return DriftReportBodies.referenceShaped(json(server.get("/api/v1/models/mnist-cnn/drift")), n);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    // ---- images ----

    /** A PNG of only a signature, an IHDR declaring the size, and IEND: a few bytes, any size claimed. */
    static byte[] pngHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[2048]);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] png(int w, int h) {
        return encoded("png", w, h);
    }

    private static byte[] encoded(String format) {
        return encoded(format, 28, 28);
    }

    private static byte[] encoded(String format, int w, int h) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            assertThat(ImageIO.write(img, format, out)).as("the JDK writes " + format).isTrue();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- a raw HTTP/1.1 exchange ----

    record Response(int status, List<String> headers, String body) {
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).trim()).findFirst().orElse("");
        }
    }

    /** Writes the request from another thread (the server may answer and close before it is all sent), reads the answer. */
    private static Response send(byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", server.server().app().port())) {
            socket.setSoTimeout(20_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before reading everything: the point of several cases
                }
            });
            writer.start();
            byte[] all = readAll(socket.getInputStream());
            writer.interrupt();
            return parse(all);
        }
    }

    /**
     * Reads one answer by its own framing (Content-Length, chunked, or the end of the stream), not
     * by waiting for the server to close: after refusing a body it never got, Jetty may keep the
     * connection until its idle timeout, and the caller has had its answer long before.
     */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                if (complete(out.toByteArray())) {
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            // a reset after the answer was read
        }
        return out.toByteArray();
    }

    private static boolean complete(byte[] sofar) {
        String text = new String(sofar, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        int bodyBytes = sofar.length - end - 4;
        for (String line : head.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return bodyBytes >= Integer.parseInt(line.substring(15).trim());
            }
            if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                return text.endsWith("\r\n0\r\n\r\n") || text.endsWith("\r\n\r\n0\r\n\r\n");
            }
        }
        return false;
    }

    private static Response parse(byte[] all) {
        String text = new String(all, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer, got: " + text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String> headers = Arrays.asList(lines).subList(1, lines.length);
        String body = text.substring(end + 4);
        Response r = new Response(status, headers, body);
        if (r.header("transfer-encoding").equalsIgnoreCase("chunked")) {
            r = new Response(status, headers, dechunk(body));
        }
        return r;
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int nl = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, nl).trim(), 16);
            if (size == 0) {
                break;
            }
            // sizes count bytes; the bodies here are ASCII JSON, so chars and bytes agree
            out.append(body, nl + 2, nl + 2 + size);
            i = nl + 2 + size + 2;
        }
        return out.toString();
    }
}
