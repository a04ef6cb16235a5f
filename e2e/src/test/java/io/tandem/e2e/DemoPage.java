package io.tandem.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** What the browser tests do on the demo pages (ids in web/README.md): wait for a status, draw a digit. */
final class DemoPage {
    private DemoPage() {
    }

    /** Waits until {@code #status} reads {@code status}; a page that reports {@code error} fails at once with its message. */
    static void waitForStatus(WebDriver driver, String status) {
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> {
            String s = d.findElement(By.id("status")).getText().trim();
            if ("error".equals(s)) {
                throw new AssertionError("page reports an error: " + d.findElement(By.id("error")).getText());
            }
            return status.equals(s);
        });
    }

    /** On the digits page: clears the canvas, draws a vertical stroke (a one) and waits for {@code label}. */
    static void drawOneAndExpect(WebDriver driver, String label) {
        driver.findElement(By.id("clear")).click();
        WebElement canvas = driver.findElement(By.id("digit-canvas"));
        new Actions(driver).moveToElement(canvas, 0, -100).clickAndHold().moveByOffset(0, 50).moveByOffset(0, 50)
                .moveByOffset(0, 50).moveByOffset(0, 50).release().perform();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> label.equals(d.findElement(By.id("result")).getAttribute("data-label")));
    }

    /** The main navigation's links, as "text href" in order; the page's own link marked with a leading "*". */
    @SuppressWarnings("unchecked")
    static java.util.List<String> navigation(WebDriver driver) {
        return (java.util.List<String>) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('header.site nav[aria-label=Main] a')]"
                        + ".map(a => (a.getAttribute('aria-current') === 'page' ? '*' : '') + a.textContent.trim() + ' ' + a.getAttribute('href'))");
    }

    /**
     * On the digits page: clears the canvas, paints {@code strokes} (each {x0, y0, x1, y1} on the
     * 280 × 280 canvas, 18 px wide, as the page's pen) from a script and asks for a prediction;
     * waits until one is shown.
     */
    static void paint(WebDriver driver, int[][] strokes) {
        driver.findElement(By.id("clear")).click();
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                const c = document.getElementById('digit-canvas'), ctx = c.getContext('2d');
                ctx.strokeStyle = '#000'; ctx.lineWidth = 18; ctx.lineCap = 'round';
                for (const [x0, y0, x1, y1] of arguments[0]) { ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.stroke(); }
                c.dispatchEvent(new Event('tandem:changed'));
                """, java.util.Arrays.stream(strokes).map(st -> java.util.Arrays.stream(st).boxed().toList()).toList());
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> !d.findElement(By.id("result")).getAttribute("data-label").isEmpty());
    }
}
