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
}
