package io.tandem.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's {@code /openapi.json}, as served (task enums filled in from the registry), passes a
 * real OpenAPI validator: @apidevtools/swagger-parser from npm, run by Node. A document a code
 * generator or Swagger UI would choke on fails here, not in a user's build.
 */
class OpenApiValidityTest {
    private static E2eServer server;

    @BeforeAll
    static void start() {
        server = new E2eServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theServedDocumentIsValidOpenApi() throws Exception {
        String document = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/openapi.json"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(validate(document)).isEqualTo("valid");
    }

    /** The validator is real: the mistake this test was written for (a JSON Schema null type in OpenAPI 3.0) is caught. */
    @Test
    void theValidatorRefusesANullTypeInOpenApi30() throws Exception {
        String broken = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{},"
                + "\"components\":{\"schemas\":{\"X\":{\"type\":\"object\",\"additionalProperties\":{\"oneOf\":[{\"type\":\"null\"}]}}}}}";
        assertThat(validate(broken)).isNotEqualTo("valid").isNotBlank();
    }

    private static String validate(String document) throws IOException, InterruptedException {
        Path file = Files.createTempFile("tandem-openapi-", ".json");
        try {
            Files.writeString(file, document, StandardCharsets.UTF_8);
            Process node = new ProcessBuilder("node", Path.of("src/test/node/validate-openapi.mjs").toAbsolutePath().toString(), file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
            assertThat(out).as("node printed something").isNotEmpty();
            return node.exitValue() == 0 ? out : "invalid: " + out;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
