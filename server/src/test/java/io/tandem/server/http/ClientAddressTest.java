package io.tandem.server.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the proxies' own entries of X-Forwarded-For are believed, never what the caller wrote left of them. */
class ClientAddressTest {
    @Test
    void behindOneProxyTheLastEntryIsTheCaller() {
        ClientAddress one = new ClientAddress(1);
        assertThat(one.resolve("10.0.0.5", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(one.resolve("10.0.0.5", "1.2.3.4, 203.0.113.7")).as("1.2.3.4 is the caller's own claim").isEqualTo("203.0.113.7");
    }

    @Test
    void behindTwoProxiesTheSecondFromTheRight() {
        assertThat(new ClientAddress(2).resolve("10.0.0.5", "6.6.6.6, 198.51.100.2, 10.0.0.9")).isEqualTo("198.51.100.2");
    }

    @Test
    void aRequestThatBypassedTheProxiesOrSentJunkKeepsItsConnectionAddress() {
        ClientAddress two = new ClientAddress(2);
        assertThat(two.resolve("10.0.0.5", null)).isEqualTo("10.0.0.5");
        assertThat(two.resolve("10.0.0.5", "198.51.100.2")).as("fewer entries than proxies").isEqualTo("10.0.0.5");
        assertThat(new ClientAddress(1).resolve("10.0.0.5", "a, <script>")).isEqualTo("10.0.0.5");
        assertThat(new ClientAddress(1).resolve("10.0.0.5", "1.1.1.1,".repeat(200))).as("over 1000 characters").isEqualTo("10.0.0.5");
        assertThat(new ClientAddress(1).resolve("10.0.0.5", "2001:db8::1")).isEqualTo("2001:db8::1");
    }
}
