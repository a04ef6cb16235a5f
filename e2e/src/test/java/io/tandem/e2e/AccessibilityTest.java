package io.tandem.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core on every page and in each state a person reaches (loaded, with a result, with a
 * caution, a refused field, an error, the device details open, the docs, the 404 page), at a
 * desktop and at a phone viewport: no serious and no critical violation.
 */
class AccessibilityTest extends ServerAndBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** State name → how to reach it. */
    private static Map<String, Consumer<Void>> states() {
        Map<String, Consumer<Void>> s = new LinkedHashMap<>();
        s.put("home", v -> {
            open("/");
            new WebDriverWait(driver, WAIT).until(d -> "listed".equals(d.findElement(By.tagName("body")).getAttribute("data-models")));
        });
        s.put("digits, a result and a caution", v -> {
            open("/digits.html?device=wasm");
            DemoPage.waitForStatus(driver, "ready");
            DemoPage.paint(driver, new int[][] {{40, 40, 240, 40}, {240, 40, 240, 240}, {240, 240, 40, 240}, {40, 240, 40, 40},
                    {40, 40, 240, 240}, {240, 40, 40, 240}});
            new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("caution")).getText().isEmpty());
        });
        s.put("digits, device details open", v -> {
            driver.findElement(By.cssSelector("#device-details summary")).click();
        });
        s.put("digits, a failed load", v -> {
            open("/digits.html?device=wasm&_simulateFailure=wasm");
            new WebDriverWait(driver, WAIT).until(d -> "error".equals(d.findElement(By.id("status")).getText()));
        });
        s.put("search, results", v -> {
            open("/search.html?device=wasm");
            DemoPage.waitForStatus(driver, "ready");
            driver.findElement(By.id("query")).sendKeys("a small pet animal");
            new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#result li")).isEmpty());
        });
        s.put("penguins, a prediction", v -> {
            open("/penguins.html?device=wasm");
            new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("result")).getAttribute("data-label").isEmpty());
        });
        s.put("penguins, a refused field", v -> {
            WebElement mass = driver.findElement(By.id("body_mass_g"));
            mass.clear();
            mass.sendKeys("-5");
            new WebDriverWait(driver, WAIT).until(d -> "refused".equals(d.findElement(By.id("caution")).getAttribute("data-verdict")));
        });
        s.put("try, the list", v -> {
            open("/try.html");
            new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#choose-list li")).isEmpty());
        });
        s.put("try, a model on the server", v -> {
            open("/try.html?model=penguins&device=server");
            DemoPage.waitForStatus(driver, "ready");
        });
        s.put("dashboard", v -> {
            open("/dashboard.html?every=300");
            new WebDriverWait(driver, WAIT).until(d -> "live".equals(d.findElement(By.id("dash-status")).getText()));
        });
        s.put("docs", v -> {
            open("/docs/");
            new WebDriverWait(driver, WAIT).until(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-status")));
        });
        s.put("not found", v -> open("/no-such-page"));
        return s;
    }

    @Test
    void noPageOrStateHasASeriousOrCriticalViolationOnADesktopOrAPhone() {
        List<String> found = new ArrayList<>();
        for (Dimension size : List.of(new Dimension(1280, 900), new Dimension(375, 812))) {
            driver.manage().window().setSize(size);
            for (Map.Entry<String, Consumer<Void>> state : states().entrySet()) {
                state.getValue().accept(null);
                for (String v : Axe.seriousViolations(driver)) {
                    found.add(size.getWidth() + " px, " + state.getKey() + ": " + v);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static void open(String path) {
        driver.get(server.url(path));
    }
}
