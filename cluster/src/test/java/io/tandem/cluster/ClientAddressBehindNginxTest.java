package io.tandem.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind nginx every connection an instance sees comes from nginx, so the per-address limit works
 * only through the X-Forwarded-For entry nginx adds (deploy/nginx/tandem.conf.template) and the
 * instances trusting exactly one proxy (TANDEM_TRUSTED_PROXIES=1). Callers are told apart by
 * their loopback address; the limit holds across the instances nginx spreads them over, and an
 * address the caller writes into X-Forwarded-For itself buys nothing.
 */
class ClientAddressBehindNginxTest extends ClusterTestBase {
    private static final int PER_MINUTE = 6;
    private static final String PREDICT = "/api/v1/models/penguins/predict";


    @BeforeAll
    void start() {
        cluster = Cluster.named("client-address").bundles("penguins")
                .env("TANDEM_RATE_LIMIT_PER_IP", Integer.toString(PER_MINUTE))
                .env("TANDEM_TRUSTED_PROXIES", "1")
                .start("a", "b");
        cluster.startNginx();
    }

    @Test
    void theLimitPerAddressCountsEachCallerAcrossInstancesAndIgnoresWhatTheCallerForwards() throws Exception {
        RateLimitAcrossInstancesTest.awayFromAMinuteBoundary();
        int nginx = cluster.nginxPort();
        FromAddress first = new FromAddress("127.0.0.2");
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < PER_MINUTE; i++) {
            FromAddress.Answer r = first.postJson(nginx, PREDICT, predictBody(83_000 + i), Map.of());
            assertThat(r.status()).as("request %d of %d from 127.0.0.2: %s", i + 1, PER_MINUTE, r).isEqualTo(200);
            servedBy.add(r.instance());
        }
        assertThat(servedBy).as("instances nginx spread the caller over").containsExactlyInAnyOrder("a", "b");

        FromAddress.Answer over = first.postJson(nginx, PREDICT, predictBody(84_000), Map.of());
        assertThat(over.status()).as("request %d from 127.0.0.2: %s", PER_MINUTE + 1, over).isEqualTo(429);
        assertThat(over.headers()).containsKey("retry-after");

        FromAddress.Answer forged = first.postJson(nginx, PREDICT, predictBody(84_001), Map.of("X-Forwarded-For", "203.0.113.9"));
        assertThat(forged.status()).as("127.0.0.2 claiming to forward for 203.0.113.9: %s", forged).isEqualTo(429);

        FromAddress.Answer second = new FromAddress("127.0.0.3").postJson(nginx, PREDICT, predictBody(84_002), Map.of());
        assertThat(second.status()).as("another caller, 127.0.0.3, has a limit of its own: %s", second).isEqualTo(200);
    }

    private static String predictBody(long n) throws JsonProcessingException {
        return Api.JSON.writeValueAsString(Map.of("input", Inputs.penguin(n)));
    }
}
