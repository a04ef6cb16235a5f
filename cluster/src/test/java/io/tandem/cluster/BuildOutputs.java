package io.tandem.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what these tests run (set by surefire from cluster/pom.xml; -D overrides). */
final class BuildOutputs {
    private BuildOutputs() {
    }

    static Path serverJar() {
        return existing("tandem.server.jar", "the server's fat jar: mvn -B package -pl server -am -DskipTests");
    }

    static Path models() {
        return existing("tandem.models", "the built model bundles: mvn -B package -pl models -am -DskipTests");
    }

    static Path nginxTemplate() {
        return existing("tandem.nginx.template", "deploy/nginx/tandem.conf.template");
    }

    static Path logs() {
        return Path.of(System.getProperty("tandem.cluster.logs", "target/cluster-logs")).toAbsolutePath();
    }

    private static Path existing(String property, String what) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run through Maven (cluster/pom.xml sets it)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing (" + what + ")");
        }
        return path;
    }
}
