package io.tandem.e2e;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * axe-core (npm, e2e/package-lock.json) run on the page as it is now: the script is read from the
 * local file and evaluated through WebDriver (outside the page's Content-Security-Policy; no CDN),
 * then {@code axe.run} checks the document against WCAG 2.x A and AA. Returns the violations of
 * impact serious or critical, one line each ({@code rule (impact): target … — help}).
 */
final class Axe {
    private static final String SCRIPT = read(Path.of(System.getProperty("tandem.axe", "node_modules/axe-core/axe.min.js")));

    private Axe() {
    }

    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(SCRIPT);
        }
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')
                          + ' — ' + v.help)),
                        e => done(['axe failed: ' + e]));
                """);
        return new ArrayList<>((List<String>) result);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is not installed at " + file.toAbsolutePath() + " (npm ci in e2e/)", e);
        }
    }
}
