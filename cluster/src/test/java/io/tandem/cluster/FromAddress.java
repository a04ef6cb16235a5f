package io.tandem.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 requests sent from a chosen loopback address (127.0.0.2, 127.0.0.3, …: Linux routes
 * all of 127/8 to the loopback), so a test can be several callers as nginx and the per-address
 * limits see them. java.net.http cannot choose the local address, hence a socket.
 */
final class FromAddress {
    /** The status and headers (names in lower case) of an answer. */
    record Answer(int status, Map<String, String> headers, String body) {
        String instance() {
            return headers.getOrDefault(Reply.INSTANCE_HEADER.toLowerCase(Locale.ROOT), "?");
        }
    }

    private final String localAddress;

    FromAddress(String localAddress) {
        this.localAddress = localAddress;
    }

    Answer postJson(int port, String path, String json, Map<String, String> headers) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(localAddress, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return parse(readAll(s.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " from " + localAddress + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }

    /** Status line and headers; the body as sent (these answers are small and not chunked by nginx for errors). */
    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new Answer(status, headers, end < 0 ? "" : text.substring(end + 4));
    }
}
