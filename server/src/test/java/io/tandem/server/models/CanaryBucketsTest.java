package io.tandem.server.models;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CanaryBucketsTest {
    @Test
    void twoThousandClientsSpreadEvenlyOverTheHundredBuckets() {
        int[] perDecile = new int[10];
        for (int i = 0; i < 2_000; i++) {
            int bucket = CanaryBuckets.bucket("minilm-l6-v2", "client-" + i);
            assertThat(bucket).isBetween(0, 99);
            perDecile[bucket / 10]++;
        }
        // 200 expected per tenth; ±4 binomial sd (±54).
        for (int n : perDecile) {
            assertThat(n).isBetween(146, 254);
        }
    }

    @Test
    void aClientKeepsItsBucketAndModelsSplitIndependently() {
        assertThat(CanaryBuckets.bucket("m", "alice")).isEqualTo(CanaryBuckets.bucket("m", "alice"));
        int same = 0;
        for (int i = 0; i < 1_000; i++) {
            if (CanaryBuckets.bucket("a", "c" + i) == CanaryBuckets.bucket("b", "c" + i)) {
                same++;
            }
        }
        assertThat(same).as("one client is not a canary of every model at once").isLessThan(40);
    }
}
