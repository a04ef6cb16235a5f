package io.tandem.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The committed {@code deploy/nginx/tandem.conf.template} with its placeholders filled in, as
 * {@code envsubst} fills them in production: the instances as upstream servers and the listen
 * address. A placeholder left over fails, so a template that grows one cannot start a test with
 * {@code ${...}} in it.
 */
public final class NginxTemplate {
    public static final String UPSTREAM_SERVERS = "${TANDEM_UPSTREAM_SERVERS}";
    public static final String LISTEN = "${TANDEM_LISTEN}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{TANDEM_[A-Z_]+}");

    private NginxTemplate() {
    }

    /**
     * @param template   the template file
     * @param instances  the instances' loopback ports, in upstream order
     * @param listenPort the loopback port nginx listens on
     */
    public static String render(Path template, List<Integer> instances, int listenPort) {
        String text;
        try {
            text = Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the nginx template " + template, e);
        }
        return render(text, instances, listenPort);
    }

    static String render(String template, List<Integer> instances, int listenPort) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("nginx needs at least one instance to send requests to");
        }
        // One failure takes an instance out for 2 s: a test that kills one sees nginx move on at once,
        // and a restarted one is back soon after.
        String servers = instances.stream()
                .map(port -> "server 127.0.0.1:" + port + " max_fails=1 fail_timeout=2s;")
                .collect(Collectors.joining("\n    "));
        String rendered = withoutComments(template)
                .replace(UPSTREAM_SERVERS, servers)
                .replace(LISTEN, "127.0.0.1:" + listenPort);
        Matcher left = PLACEHOLDER.matcher(rendered);
        if (left.find()) {
            throw new IllegalStateException("the nginx template has a placeholder this kit does not fill: " + left.group());
        }
        return rendered;
    }

    /** The header comments name the placeholders too; only the directives are filled in and checked. */
    private static String withoutComments(String template) {
        return template.lines().map(line -> line.strip().startsWith("#") ? "" : line)
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
