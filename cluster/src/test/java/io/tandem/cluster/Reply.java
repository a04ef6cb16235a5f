package io.tandem.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;

/** One HTTP answer: status, headers, and the body as text and (when it is JSON) as a tree. */
record Reply(int status, HttpResponse<String> response, JsonNode json) {
    static final String INSTANCE_HEADER = "X-Tandem-Instance";
    static final String CACHE_HEADER = "X-Tandem-Cache";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Reply of(HttpResponse<String> response) {
        JsonNode json;
        try {
            json = response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = MissingNode.getInstance();
        }
        return new Reply(response.statusCode(), response, json);
    }

    String body() {
        return response.body();
    }

    Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The instance that answered, from {@code X-Tandem-Instance}; "?" when the header is missing. */
    String instance() {
        return header(INSTANCE_HEADER).orElse("?");
    }

    /** For assertion messages: what came back, shortened. */
    @Override
    public String toString() {
        String b = response.body();
        return status + " from " + instance() + " " + response.request().method() + " " + response.request().uri()
                + ": " + (b.length() > 600 ? b.substring(0, 600) + "…" : b);
    }
}
