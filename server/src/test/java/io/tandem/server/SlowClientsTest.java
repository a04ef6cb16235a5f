package io.tandem.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Callers that stop sending or hang up mid-body: answered or logged as what they are (408, 499),
 * never as a server failure (500), and no thread is held past the idle timeout.
 */
class SlowClientsTest {
    private static final String HEAD = "POST /api/v1/models/minilm-l6-v2/predict HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"input\":";

    @Test
    void aBodyThatStopsArrivingIs408AfterTheIdleTimeout() throws IOException {
        ServerConfig config = ServerConfig.forModels(TestModels.dir())
                .withConnections(new ServerConfig.Connections(Duration.ofSeconds(1), 1000, 0));
        try (RunningServer server = new RunningServer(config);
             Socket socket = new Socket("localhost", server.server().app().port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(HEAD.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            String answer = readSome(socket.getInputStream());
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
            if (!answer.isEmpty()) {
                // Jetty may close the connection instead of letting the answer out; when it arrives it is a 408.
                assertThat(answer).startsWith("HTTP/1.1 408").contains("request_timeout");
            }
            assertThat(statusSeen(server, "408")).as("the request is counted as 408, not 500").isTrue();
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aCallerThatHangsUpMidBodyIsCountedAs499() throws Exception {
        try (RunningServer server = RunningServer.withTestModels()) {
            try (Socket socket = new Socket("localhost", server.server().app().port())) {
                socket.getOutputStream().write(HEAD.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(300);
            }
            long until = System.currentTimeMillis() + 5000;
            while (!statusSeen(server, "499") && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            assertThat(statusSeen(server, "499")).isTrue();
            assertThat(statusSeen(server, "500")).isFalse();
        }
    }

    private static boolean statusSeen(RunningServer server, String status) {
        return server.get("/metrics").body().lines()
                .anyMatch(l -> l.startsWith("http_server_requests_seconds_count") && l.contains("status=\"" + status + "\""));
    }

    private static String readSome(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                if (out.toString(StandardCharsets.ISO_8859_1).contains("}")) {
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            // closed by the server
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
