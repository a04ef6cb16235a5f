package io.tandem.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API is off without admin keys, and with them takes only an admin key. */
class AdminAccessTest {
    @TempDir
    Path models;

    @Test
    void withoutAdminKeysTheAdminApiIsOff() {
        try (RunningServer server = new RunningServer(ServerConfig.forModels(new VersionFolders(models).models()))) {
            AdminClient admin = new AdminClient(server);
            assertThat(admin.fails(403, "admin_disabled", "GET", "/versions", null).get("message").asText())
                    .contains("TANDEM_ADMIN_KEYS");
            admin.fails(403, "admin_disabled", "POST", "/promote", null);
        }
    }

    @Test
    void withAdminKeysEveryAdminCallNeedsOneAndAPredictKeyIsNotEnough() {
        ServerConfig config = ServerConfig.forModels(new VersionFolders(models).models()).withAccess(
                new ServerConfig.Access(Set.of("app-key"), ServerConfig.RateLimit.off(), ServerConfig.RateLimit.off(),
                        Set.of(AdminClient.KEY)));
        try (RunningServer server = new RunningServer(config)) {
            AdminClient admin = new AdminClient(server);
            var none = admin.call("POST", "/promote", null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(admin.call("GET", "/versions", null).statusCode()).as("reading needs a key too").isEqualTo(401);
            assertThat(admin.call("GET", "/versions", null, "Authorization", "Bearer guess").statusCode()).isEqualTo(401);
            var appKey = admin.call("POST", "/rollback", null, "X-API-Key", "app-key");
            assertThat(appKey.statusCode()).isEqualTo(403);
            assertThat(RunningServer.json(appKey).get("error").asText()).isEqualTo("forbidden");
            assertThat(admin.status().get("model").asText()).isEqualTo("mnist-cnn");
            // The admin key is not a predict key: the two sets are separate.
            var predict = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/api/v1/models/mnist-cnn/predict")))
                    .header("Content-Type", "application/json").header("X-API-Key", AdminClient.KEY)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"input\":\"x\"}")).build());
            assertThat(predict.statusCode()).isEqualTo(401);
        }
    }
}
