package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;

import static io.tandem.server.AdminClient.stateOf;
import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Versions side by side: a sticky canary split, promote and rollback, both versions in the metrics. */
class ModelVersionsTest {
    @TempDir
    Path models;

    private RunningServer start(VersionFolders folders) {
        ServerConfig config = ServerConfig.forModels(folders.models()).withAccess(
                ServerConfig.Access.open().withAdminKeys(Set.of(AdminClient.KEY)));
        return new RunningServer(config);
    }

    private static String versionOf(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("modelVersion").asText();
    }

    @Test
    void aCanaryShareSendsThatShareOfClientsToTheCandidateAndEachClientStaysWhereItIs() {
        VersionFolders folders = new VersionFolders(models);
        folders.stage("1.1.0");
        try (RunningServer server = start(folders)) {
            AdminClient admin = new AdminClient(server);
            JsonNode staged = admin.stage("1.1.0", 30);
            assertThat(stateOf(staged, "1.1.0")).isEqualTo("candidate");
            assertThat(staged.get("canaryPercent").asInt()).isEqualTo(30);

            int clients = 2_000;
            int onCandidate = 0;
            for (int i = 0; i < clients; i++) {
                if (versionOf(admin.predict("client-" + i, true)).equals("1.1.0")) {
                    onCandidate++;
                }
            }
            // 30% of 2,000 is 600; the split is a digest of the id, so ±4 binomial sd (±82) holds.
            assertThat(onCandidate).isBetween(518, 682);
            for (String client : new String[]{"client-7", "client-8", "client-9"}) {
                String first = versionOf(admin.predict(client, false));
                for (int i = 0; i < 10; i++) {
                    assertThat(versionOf(admin.predict(client, false))).as("sticky for %s", client).isEqualTo(first);
                }
            }
            String metrics = server.get("/metrics").body();
            assertThat(metrics).contains("tandem_predict_seconds_count{device=\"server\",model=\"mnist-cnn\",version=\"1.0.0\"}")
                    .contains("tandem_predict_seconds_count{device=\"server\",model=\"mnist-cnn\",version=\"1.1.0\"}")
                    .contains("tandem_canary_percent{model=\"mnist-cnn\"} 30.0")
                    .contains("tandem_model_versions_loaded{model=\"mnist-cnn\"} 2.0");

            // Share 0 sends nobody; the client that had the candidate is back on the stable one.
            admin.ok("PUT", "/canary", "{\"percent\":0}");
            for (int i = 0; i < 50; i++) {
                assertThat(versionOf(admin.predict("client-" + i, true))).isEqualTo("1.0.0");
            }
        }
    }

    @Test
    void promoteMovesEveryoneToTheCandidateAndRollbackBringsThePreviousVersionBack() throws InterruptedException {
        VersionFolders folders = new VersionFolders(models);
        folders.stage("1.1.0");
        try (RunningServer server = start(folders)) {
            AdminClient admin = new AdminClient(server);
            JsonNode before = admin.status();
            assertThat(stateOf(before, "1.0.0")).isEqualTo("stable");
            assertThat(before.get("staged").toString()).isEqualTo("[\"1.1.0\"]");

            admin.stage("1.1.0", 0);
            assertThat(versionOf(admin.predict("anyone", true))).as("share 0: the candidate takes no traffic").isEqualTo("1.0.0");

            JsonNode promoted = admin.ok("POST", "/promote", null);
            assertThat(stateOf(promoted, "1.1.0")).isEqualTo("stable");
            assertThat(stateOf(promoted, "1.0.0")).isEqualTo("retired");
            for (int i = 0; i < 20; i++) {
                assertThat(versionOf(admin.predict("client-" + i, true))).isEqualTo("1.1.0");
            }
            // The browser downloads the stable version's manifest.
            assertThat(json(server.get("/api/v1/models/mnist-cnn")).get("version").asText()).isEqualTo("1.1.0");

            JsonNode rolledBack = admin.ok("POST", "/rollback", null);
            assertThat(stateOf(rolledBack, "1.0.0")).isEqualTo("stable");
            assertThat(stateOf(rolledBack, "1.1.0")).isIn("draining", "absent");
            for (int i = 0; i < 20; i++) {
                assertThat(versionOf(admin.predict("client-" + i, true))).isEqualTo("1.0.0");
            }
            // Nothing holds 1.1.0 any more, so it is closed and listed as staged on disk again.
            JsonNode after = admin.status();
            for (int i = 0; i < 100 && !stateOf(after, "1.1.0").equals("absent"); i++) {
                Thread.sleep(20);
                after = admin.status();
            }
            assertThat(stateOf(after, "1.1.0")).isEqualTo("absent");
            assertThat(after.get("staged").toString()).isEqualTo("[\"1.1.0\"]");
            admin.fails(409, "conflict", "POST", "/rollback", null);
        }
    }

    @Test
    void aJobKeepsItsVersionForAllItsInputsEvenWhenTheVersionLeavesService() throws Exception {
        VersionFolders folders = new VersionFolders(models);
        folders.stage("1.1.0");
        try (RunningServer server = start(folders)) {
            AdminClient admin = new AdminClient(server);
            admin.stage("1.1.0", 100);
            String inputs = "{\"inputs\":[" + String.join(",", java.util.Collections.nCopies(256,
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                            RunningServer.imageInput(MnistHead.load().get(0).image()).get("input")))) + "]}";
            HttpResponse<String> accepted = server.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(server.url("/api/v1/models/mnist-cnn/jobs")))
                    .header("Content-Type", "application/json").header("X-Tandem-Client", "batch-client")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(inputs)).build());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = json(accepted).get("id").asText();

            admin.ok("DELETE", "/candidate", null);
            JsonNode status = admin.status();
            JsonNode job = json(server.get("/api/v1/jobs/" + id));
            if (!job.get("state").asText().matches("succeeded|failed")) {
                assertThat(stateOf(status, "1.1.0")).as("a running job holds its version").isEqualTo("draining");
            }
            long until = System.currentTimeMillis() + 30_000;
            while (!job.get("state").asText().matches("succeeded|failed") && System.currentTimeMillis() < until) {
                Thread.sleep(20);
                job = json(server.get("/api/v1/jobs/" + id));
            }
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
            assertThat(job.get("results")).hasSize(256);
            for (int i = 0; i < 100 && !stateOf(status, "1.1.0").equals("absent"); i++) {
                Thread.sleep(20);
                status = admin.status();
            }
            assertThat(stateOf(status, "1.1.0")).as("closed once the job let go").isEqualTo("absent");
        }
    }

    @Test
    void actionsThatDoNotFitTheStateAreRefusedWithTheReason() {
        VersionFolders folders = new VersionFolders(models);
        folders.stage("1.1.0");
        try (RunningServer server = start(folders)) {
            AdminClient admin = new AdminClient(server);
            assertThat(admin.fails(409, "conflict", "POST", "/promote", null).get("message").asText()).contains("no candidate");
            admin.fails(409, "conflict", "POST", "/rollback", null);
            admin.fails(409, "conflict", "PUT", "/canary", "{\"percent\":10}");
            admin.fails(409, "conflict", "DELETE", "/candidate", null);
            admin.fails(409, "conflict", "POST", "/versions", "{\"version\":\"1.0.0\"}");
            assertThat(admin.fails(404, "not_found", "POST", "/versions", "{\"version\":\"2.0.0\"}").get("message").asText())
                    .contains("copy the bundle");
            admin.fails(400, "bad_request", "POST", "/versions", "{\"version\":\"../mnist-cnn\"}");
            admin.fails(400, "bad_request", "POST", "/versions", "{\"version\":\"1.1.0\",\"canaryPercent\":101}");
            admin.fails(400, "bad_request", "POST", "/versions", "not json");

            admin.stage("1.1.0", 5);
            admin.fails(409, "conflict", "POST", "/versions", "{\"version\":\"1.1.0\"}");
            admin.fails(400, "bad_request", "PUT", "/canary", "{\"percent\":-1}");
            JsonNode dropped = admin.ok("DELETE", "/candidate", null);
            assertThat(stateOf(dropped, "1.1.0")).isIn("draining", "absent");
            assertThat(dropped.get("canaryPercent").asInt()).isZero();
            HttpResponse<String> unknown = server.get("/api/v1/admin/models/none/versions", "X-API-Key", AdminClient.KEY);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown).get("message").asText()).contains("available: mnist-cnn");
        }
    }
}
