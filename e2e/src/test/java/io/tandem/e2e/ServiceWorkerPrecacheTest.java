package io.tandem.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything a precached page loads (its scripts and styles, and every module they import, all the
 * way down) is precached too. The first visit fetches them before the service worker controls the
 * page, so a file missing from the list is missing offline: the page's module graph fails to load
 * and the demo never becomes ready (OfflineTest shows it in a browser; this says which file).
 */
class ServiceWorkerPrecacheTest {
    private static final Path PUBLIC = Path.of("../web/src/main/resources/public");
    private static final Pattern QUOTED_PATH = Pattern.compile("'(/[^']*)'");
    private static final Pattern PAGE_ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+\\.(?:js|css))\"");
    private static final Pattern IMPORT = Pattern.compile("(?:from|import)\\s*\\(?\\s*'(/[^']+\\.js)'");

    @Test
    void everyModuleAPrecachedPageNeedsIsPrecached() throws IOException {
        Set<String> precached = precache();
        Set<String> needed = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String path : precached) {
            if (path.endsWith(".html")) {
                Matcher m = PAGE_ASSET.matcher(read(path));
                while (m.find()) {
                    todo.add(m.group(1));
                }
            }
        }
        while (!todo.isEmpty()) {
            String path = todo.pop();
            if (!needed.add(path) || !path.endsWith(".js") || path.equals("/tandem.js")) {
                continue;
            }
            Matcher m = IMPORT.matcher(read(path));
            while (m.find()) {
                todo.add(m.group(1));
            }
        }
        assertThat(needed).as("modules and styles the precached pages load").isNotEmpty().contains("/js/page.js");
        assertThat(precached).as("sw.js PRECACHE").containsAll(needed);
    }

    private static Set<String> precache() throws IOException {
        String sw = read("/sw.js");
        int start = sw.indexOf("const PRECACHE = [");
        String list = sw.substring(start, sw.indexOf("];", start));
        Set<String> paths = new LinkedHashSet<>();
        Matcher m = QUOTED_PATH.matcher(list);
        while (m.find()) {
            paths.add(m.group(1));
        }
        return paths;
    }

    private static String read(String path) throws IOException {
        Path file = PUBLIC.resolve(path.substring(1));
        assertThat(file).as(path + " exists under web/src/main/resources/public").isRegularFile();
        return Files.readString(file);
    }
}
