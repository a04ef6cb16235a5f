package io.tandem.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API documentation page: /docs (linked from the home page) renders every operation of
 * /openapi.json in Swagger UI served by this server, the predict operation's example for a model
 * runs from the page and answers 200, and nothing the page loads or sends leaves this origin.
 */
class DocsPageTest extends ServerAndBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static JsonNode document;

    @BeforeAll
    static void readTheDocumentAndRecordPolicyViolations() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/openapi.json"))).build(),
                HttpResponse.BodyHandlers.ofString());
        document = new ObjectMapper().readTree(r.body());
        // Every load the page attempts from another origin breaks the policy (default-src 'self') and is reported here.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__cspViolations = []; document.addEventListener('securitypolicyviolation',"
                        + " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
    }

    @Test
    void theHomePageLinksTheDocsAndTheDocumentAndDocsRendersEveryOperation() {
        driver.get(server.url("/"));
        assertThat(driver.findElement(By.id("docs-link")).getAttribute("href")).isEqualTo(server.url("/docs/"));
        assertThat(driver.findElements(By.cssSelector("main a[href='/openapi.json']"))).isNotEmpty();

        driver.get(server.url("/docs"));
        assertThat(driver.getCurrentUrl()).isEqualTo(server.url("/docs/"));
        waitForDocs();
        List<String> expected = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> expected.add(method.toUpperCase() + " " + path.getKey()));
        }
        List<String> shown = new ArrayList<>();
        for (WebElement op : driver.findElements(By.cssSelector("#swagger-ui .opblock"))) {
            String method = op.findElement(By.cssSelector(".opblock-summary-method")).getText().trim();
            String path = op.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path");
            shown.add(method + " " + path);
        }
        assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(driver.findElement(By.id("docs-status")).getText()).isEqualTo(expected.size() + " operations.");
        assertNothingLeftThisOrigin();
    }

    @Test
    void thePredictExampleOfEachKindOfInputRunsFromThePage() {
        // One model per input kind: a record, a text, an image.
        for (String model : List.of("penguins", "minilm-l6-v2", "mnist-cnn")) {
            driver.get(server.url("/docs/"));
            waitForDocs();
            WebElement op = driver.findElement(By.id("operations-default-post_api_v1_models__id__predict"));
            op.findElement(By.cssSelector(".opblock-summary-control")).click();
            // Operations open ready to send (tryItOutEnabled): the button offers to cancel.
            new WebDriverWait(driver, WAIT).until(d -> !op.findElements(By.cssSelector(".try-out__btn.cancel")).isEmpty());
            // The id parameter and the request body each offer one example per model, under the model's id.
            new Select(op.findElement(By.cssSelector("tr[data-param-name='id'] select"))).selectByValue(model);
            new Select(op.findElement(By.cssSelector(".opblock-section-request-body select.examples-select-element, "
                    + ".opblock-section-request-body .examples-select select"))).selectByValue(model);
            String body = new WebDriverWait(driver, WAIT).until(d -> {
                List<WebElement> editor = op.findElements(By.cssSelector(".opblock-section-request-body textarea"));
                return editor.isEmpty() ? null : editor.get(0).getAttribute("value");
            });
            assertThat(body).as(model + " example body").contains("\"input\"");
            if ("penguins".equals(model)) {
                assertThat(body).contains("\"island\": \"Biscoe\"", "\"body_mass_g\": 4164.7");
            }
            op.findElement(By.cssSelector(".execute")).click();
            WebElement status = new WebDriverWait(driver, WAIT).until(d -> {
                List<WebElement> live = op.findElements(By.cssSelector(".live-responses-table .response .response-col_status"));
                return live.isEmpty() ? null : live.get(0);
            });
            assertThat(status.getText().trim()).as(model).startsWith("200");
            String answer = op.findElement(By.cssSelector(".live-responses-table .response-col_description pre")).getText();
            assertThat(answer).as(model).contains("\"output\"", "\"device\": \"server\"");
        }
        assertNothingLeftThisOrigin();
    }

    private static void waitForDocs() {
        new WebDriverWait(driver, WAIT).until(d -> {
            String status = d.findElement(By.tagName("body")).getAttribute("data-status");
            if ("error".equals(status)) {
                throw new AssertionError("docs page: " + d.findElement(By.id("error")).getText());
            }
            return "ready".equals(status);
        });
    }

    /** Every resource the document loaded came from the server, and no load elsewhere was even attempted (the policy reports it). */
    private static void assertNothingLeftThisOrigin() {
        List<?> urls = (List<?>) driver.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name).concat(location.href)");
        assertThat(urls).isNotEmpty();
        String origin = server.url("");
        for (Object url : urls) {
            assertThat(String.valueOf(url)).as("loaded from this server").startsWith(origin + "/");
        }
        assertThat(driver.executeScript("return window.__cspViolations")).as("attempted loads from elsewhere").asList().isEmpty();
    }
}
