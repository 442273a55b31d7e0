package org.clamp3.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page at {@code /} in a real browser (Debian's chromium, headless) against the real server on
 * the demo collection: a text query gives its cards, scores are engraved as SVG, audio players get a
 * source that seeks (206), MIDI cards can play, the modality filter re-runs the query, and a
 * server with a token makes the page ask for it. Leaves a screenshot in {@code target/serve-page.png}.
 * Skipped where chromium is not installed ({@code .ci/run} installs it).
 */
class WebPageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String QUERY = "a calm cello piece for a quiet evening";
    static final int K = 10;

    @TempDir
    static Path tmp;
    static Path index;
    static Clamp3Server server;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Selenium looks for DevTools bindings of this chromium's version and says so; none are used here. */
    static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    @BeforeAll
    static void start() throws Exception {
        CDP_LOG.setLevel(java.util.logging.Level.SEVERE);
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "chromium not installed: apt-get install chromium chromium-driver");
        index = tmp.resolve("demo.idx");
        TestIndexes.build(TestIndexes.DEMO, index);
        server = TestIndexes.start(index, null);
        // the driver is named, so Selenium Manager never runs (nothing is downloaded)
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1360,1000", "--force-device-scale-factor=1", "--hide-scrollbars", "--lang=en-US");
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class); // cards are replaced when a query re-runs
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.stop(1);
        }
    }

    /** An element's text whether or not it is visible yet (cards fade in). */
    static String text(WebElement e) {
        return e.getDomProperty("textContent");
    }

    static List<WebElement> cards(WebDriver d) {
        return d.findElements(By.cssSelector("#results > li.card"));
    }

    @Test
    void aTextQueryShowsPlayableResultsAndTheirScores() throws Exception {
        driver.get(server.url());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("collection"), "12 pieces"));
        driver.findElement(By.id("q")).sendKeys(QUERY, Keys.ENTER);

        int n = (int) Math.min(K, server.index().count());
        wait.until(d -> cards(d).size() == n);
        String status = driver.findElement(By.id("status")).getText();
        assertTrue(status.startsWith(n + " results for"), status);
        for (WebElement card : cards(driver)) { // (textContent: the cards may still be fading in)
            assertFalse(text(card.findElement(By.cssSelector(".title"))).isBlank(), "every card has a title");
            assertFalse(text(card.findElement(By.cssSelector(".badge"))).isBlank(), "and a kind");
        }

        // a sheet-music result is engraved by abcjs as SVG, with a play button
        wait.until(d -> !d.findElements(By.cssSelector("li.card[data-kind=score] .score svg")).isEmpty());
        WebElement score = driver.findElement(By.cssSelector("li.card[data-kind=score]"));
        wait.until(d -> !score.findElements(By.cssSelector("button.play")).isEmpty());
        assertFalse(score.findElements(By.cssSelector(".score svg path")).isEmpty(), "notes are drawn");
        assertTrue(text(score.findElement(By.cssSelector("button.play"))).contains("Play · "));

        // an audio result has a player whose source answers a Range request with 206
        WebElement audio = driver.findElement(By.cssSelector("li.card[data-kind=audio] audio"));
        String src = audio.getDomProperty("src");
        HttpResponse<byte[]> part = HTTP.send(HttpRequest.newBuilder(URI.create(src)).header("Range", "bytes=0-99")
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertEquals(100, part.body().length);
        assertTrue(part.headers().firstValue("Content-Range").orElse("").startsWith("bytes 0-99/"));
        // its matched segment is offered as a place to start
        WebElement seek = driver.findElement(By.cssSelector("li.card[data-kind=audio] button.play"));
        assertTrue(text(seek).startsWith("▶Play from 00:0"), text(seek));

        // the map lights up the results: one numbered marker each is drawn on the canvas; nothing failed
        assertTrue(driver.findElements(By.cssSelector(".map-empty")).isEmpty(), "the map loaded");
        settle();
        driver.executeScript("document.activeElement.blur()"); // no caret in the picture
        Path shot = Path.of("target", "serve-page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, fullPage());
        assertTrue(Files.size(shot) > 10_000);

        // a score plays with its notes lit as they sound
        WebElement playScore = score.findElement(By.cssSelector("button.play"));
        playScore.click();
        wait.until(d -> !score.findElements(By.cssSelector(".score .playing")).isEmpty());
        playScore.click();
        wait.until(d -> text(playScore).contains("Play · ") && score.findElements(By.cssSelector(".score .playing")).isEmpty());

        // the filter re-runs the query: scores and MIDI only; MIDI cards draw their notes and can play
        driver.executeScript("window.scrollTo(0, 0)"); // the filters sit under the sticky header otherwise
        driver.findElement(By.xpath("//label[.//input[@name='modality' and @value='symbolic']]/span")).click();
        wait.until(d -> cards(d).stream().allMatch(c -> "symbolic".equals(c.getDomAttribute("data-modality")))
                && cards(d).size() == 6);
        wait.until(d -> d.findElements(By.cssSelector("li.card[data-kind=midi]")).stream()
                .allMatch(c -> !c.findElements(By.cssSelector(".controls button.play")).isEmpty()));
        WebElement play = driver.findElement(By.cssSelector("li.card[data-kind=midi] button.play"));
        play.click();
        wait.until(d -> text(play).endsWith("Stop"));
        play.click();
        wait.until(d -> text(play).contains("Play"));
    }

    @Test
    void aServerWithATokenMakesThePageAskForIt() throws Exception {
        try (Clamp3Server guarded = TestIndexes.start(index, "page-token")) {
            driver.get(guarded.url());
            WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
            field.sendKeys("wrong", Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-error")));
            WebElement again = driver.findElement(By.id("token"));
            again.sendKeys("page-token", Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("collection"), "12 pieces"));
            driver.findElement(By.id("q")).sendKeys("ein ruhiges Stück", Keys.ENTER);
            wait.until(d -> cards(d).size() == K);
            // media URLs carry the token for players, which cannot send headers
            String src = driver.findElement(By.cssSelector("li.card[data-kind=audio] audio")).getDomProperty("src");
            assertTrue(src.contains("token=page-token"), src);
        }
    }

    @Test
    void aFileIsAQueryAndSoIsAResult() {
        driver.get(server.url());
        Path midi = TestIndexes.DEMO.resolve("midi/little_waltz.mid").toAbsolutePath();
        driver.findElement(By.id("file")).sendKeys(midi.toString()); // what the drop zone's chooser does
        wait.until(d -> cards(d).size() == K && text(d.findElement(By.id("status"))).contains("like little_waltz.mid"));
        WebElement first = cards(driver).get(0);
        assertEquals("midi/little_waltz", first.getDomAttribute("data-key"), "a file finds itself first");
        assertEquals("1.000", text(first.findElement(By.cssSelector(".sim .num"))));

        // "More like this" searches with the result's own vector: it finds itself first
        WebElement score = driver.findElement(By.cssSelector("li.card[data-kind=score]"));
        String key = score.getDomAttribute("data-key");
        String title = text(score.findElement(By.cssSelector(".title")));
        score.findElement(By.cssSelector("button.like")).click();
        wait.until(d -> text(d.findElement(By.id("status"))).contains("like " + title) && key.equals(cards(d).get(0).getDomAttribute("data-key")));
        assertEquals("1.000", text(cards(driver).get(0).findElement(By.cssSelector(".sim .num"))));
    }

    @Test
    void theMapNamesItsDotsAndOpensThem() {
        driver.get(server.url());
        WebElement canvas = driver.findElement(By.id("map"));
        // where a recording's dot is drawn: the first pixel of its colour (#e0703a)
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) wait.until(d -> ((JavascriptExecutor) d).executeScript(
                "const c = arguments[0], g = c.getContext('2d'), s = c.width / c.clientWidth;"
                        + "const px = g.getImageData(0, 0, c.width, c.height).data;"
                        + "for (let i = 0; i < px.length; i += 4)"
                        + "  if (Math.abs(px[i] - 224) < 6 && Math.abs(px[i + 1] - 112) < 6 && Math.abs(px[i + 2] - 58) < 6 && px[i + 3] > 200)"
                        + "    return [(i / 4) % c.width / s - c.clientWidth / 2, Math.floor(i / 4 / c.width) / s + 3 - c.clientHeight / 2];"
                        + "return null;", canvas));
        new Actions(driver).moveToElement(canvas, at.get(0).intValue(), at.get(1).intValue()).perform();
        WebElement tip = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("map-tip")));
        assertTrue(tip.getText().contains("audio"), tip.getText());
        new Actions(driver).click().perform();
        WebElement opened = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#pinned li.card[data-kind=audio]")));
        String title = text(opened.findElement(By.cssSelector(".title"))); // the metadata's; the map knew only the key
        assertTrue(tip.getText().toLowerCase(java.util.Locale.ROOT).startsWith(title.toLowerCase(java.util.Locale.ROOT)), tip.getText());
        assertFalse(opened.findElements(By.cssSelector("audio")).isEmpty());
    }

    /** Waits until the cards have fetched what they show and the players know their length. */
    static void settle() {
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.fonts.status === 'loaded'"
                        + " && [...document.querySelectorAll('audio')].every(a => a.readyState >= 1)"
                        + " && !/engraving…|reading notes…/.test(document.body.innerText)"));
    }

    /** A screenshot of the whole page, not just the window (Chrome's DevTools protocol). */
    @SuppressWarnings("unchecked")
    static byte[] fullPage() {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = ((Number) size.get("height")).doubleValue();
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }
}
