package io.tandem.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of jobs submitted at once through the balancer and waited for: how long the instances'
 * job workers together take to finish them, and whether every accepted job ended
 * {@code succeeded} with one result per input.
 */
final class JobBatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one batch measured; {@code lost} counts jobs refused, failed, unfinished or with a wrong result count. */
    record Result(int jobs, int inputsPerJob, double seconds, int lost, String firstProblem) {
        double jobsPerSecond() {
            return jobs / seconds;
        }

        double inputsPerSecond() {
            return (double) jobs * inputsPerJob / seconds;
        }
    }

    private final HttpClient client;
    private final String base;

    JobBatch(HttpClient client, String base) {
        this.client = client;
        this.base = base;
    }

    Result run(String model, int jobs, List<Object> inputs, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> locations = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        byte[] body = JSON.writeValueAsBytes(Map.of("inputs", inputs));
        for (int j = 0; j < jobs; j++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/" + model + "/jobs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 202 && r.headers().firstValue("Location").isPresent()) {
                locations.add(r.headers().firstValue("Location").get());
            } else {
                problems.add("submit: " + r.statusCode() + " " + r.body());
            }
        }
        Map<String, JsonNode> finished = new LinkedHashMap<>();
        long deadline = start + timeout.toNanos();
        while (finished.size() < locations.size() && System.nanoTime() < deadline) {
            for (String location : locations) {
                if (!finished.containsKey(location)) {
                    JsonNode job = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(base + location)).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    String state = job.path("state").asText();
                    if (state.equals("succeeded") || state.equals("failed")) {
                        finished.put(location, job);
                    }
                }
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (String location : locations) {
            JsonNode job = finished.get(location);
            if (job == null) {
                problems.add(location + " unfinished after " + timeout.toSeconds() + " s");
            } else if (!job.path("state").asText().equals("succeeded")) {
                problems.add(location + " " + job.path("error"));
            } else if (job.path("results").size() != inputs.size()) {
                problems.add(location + " has " + job.path("results").size() + " results for " + inputs.size() + " inputs");
            }
        }
        return new Result(jobs, inputs.size(), seconds, problems.size(), problems.isEmpty() ? null : problems.get(0));
    }
}
