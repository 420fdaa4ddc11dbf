package io.punktfunk.client.manage;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.client.stream.ClientStream;
import io.punktfunk.client.stream.ClientStreamOptions;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.identity.Identity;
import io.punktfunk.control.pairing.PairedClientStore;
import io.punktfunk.testkit.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * driven by Selenium): sign in with the admin token, arm pairing and read the PIN, watch a session the
 * test starts appear with moving numbers, revoke its client and see the session end. Also prints the
 * console's first contentful paint and leaves a screenshot in target/.
 */
class WebConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void signInArmPairingWatchASessionAndRevokeItsClient() throws Exception {
        Environment.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "the web console test needs a headless Chromium: apt-get install chromium chromium-driver");
        Path hostDir = dir.resolve("host");
        Files.createDirectories(hostDir);
        var clientFp = Identity.loadOrCreate(dir.resolve("client"), Identity.CLIENT_FILES, "test-client").fingerprint();
        PairedClientStore.load(hostDir).add(clientFp, "living-room");
        try (ManagedHost h = new ManagedHost(dir, Map.of())) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.setAcceptInsecureCerts(true); // the host's self-signed identity; the test checks the fingerprint below
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--window-size=1280,1400", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver browser = new ChromeDriver(service, options);
            ClientStream stream = null;
            try {
                // the console re-renders session rows with every stats event: an element found may be replaced at once
                var wait = new WebDriverWait(browser, Duration.ofSeconds(30))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
                browser.get(h.base.resolve("/").toString());
                wait.until(d -> d.findElement(By.id("host-meta")).getText().contains(h.host.fingerprint().hex()));
                Object fcp = ((JavascriptExecutor) browser).executeScript(
                        "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : -1;");
                System.out.printf(Locale.ROOT, "console: first contentful paint %.1f ms after navigation start%n",
                        ((Number) fcp).doubleValue());
                assertThat(browser.findElements(By.id("arm")).getFirst().isDisplayed()).as("no writes before signing in").isFalse();

                // a wrong token is refused, the right one signs in
                browser.findElement(By.id("token")).sendKeys("wrong-token");
                browser.findElement(By.id("login-button")).click();
                wait.until(d -> d.findElement(By.id("login-status")).getText().contains("not signed in"));
                browser.findElement(By.id("token")).clear();
                browser.findElement(By.id("token")).sendKeys(h.token);
                browser.findElement(By.id("login-button")).click();
                wait.until(d -> d.findElement(By.id("arm")).isDisplayed());

                browser.findElement(By.id("arm")).click();
                wait.until(d -> d.findElement(By.id("pin")).getText().matches("\\d{6}"));
                assertThat(h.host.pairingArmed()).isTrue();
                wait.until(d -> d.findElement(By.id("pairing-state")).getText().startsWith("open for"));

                wait.until(d -> d.findElement(By.cssSelector("#client-rows tr[data-id='" + clientFp.hex() + "']")).isDisplayed());

                stream = h.connect(ClientStreamOptions.headless(new Mode(640, 360, 30), 1000, "living-room"));
                String id = wait.until(d -> d.findElement(By.cssSelector("#session-rows tr")).getAttribute("data-id"));
                String firstTx = wait.until(d -> {
                    String tx = d.findElement(By.cssSelector("#session-rows tr[data-id='" + id + "'] .tx")).getText();
                    return Double.parseDouble(tx) > 0 ? tx : null;
                });
                // moving numbers: samples keep arriving after the first figure, and the charts draw (a steady
                // 1 Mbit/s stream can show the same rounded figure for many seconds, so count samples, not digits)
                int samplesAtFirst = ((Number) ((JavascriptExecutor) browser).executeScript(
                        "return history.get(arguments[0]).mbps.length;", id)).intValue();
                wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                        "return history.get(arguments[0]).mbps.length;", id)).intValue() > samplesAtFirst);
                assertThat(Double.parseDouble(firstTx)).isPositive();
                assertThat(browser.findElements(By.cssSelector(".session-charts[data-id='" + id + "'] canvas"))).hasSize(4);
                wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                        "return history.get(arguments[0]).mbps.length;", id)).intValue() >= 8); // a few seconds of chart
                Path shot = Path.of("target", "console.png");
                Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

                browser.findElement(By.cssSelector("#client-rows tr[data-id='" + clientFp.hex() + "'] button.revoke")).click();
                browser.switchTo().alert().accept();
                wait.until(d -> d.findElements(By.cssSelector("#client-rows tr")).isEmpty());
                wait.until(d -> d.findElements(By.cssSelector("#session-rows tr")).isEmpty());
                assertThat(PairedClientStore.load(hostDir).list()).isEmpty();
                ClientStream s = stream;
                wait.until(d -> !s.isRunning());
                assertThat(stream.closeReason()).contains("unpaired");

                // a setting edited in the console applies live
                WebElement maxSessions = browser.findElement(By.cssSelector("input.setting[data-key='control.max-sessions']"));
                maxSessions.clear();
                maxSessions.sendKeys("3");
                browser.findElement(By.id("save-settings")).click();
                wait.until(d -> d.findElement(By.id("settings-status")).getText().startsWith("saved: control.max-sessions"));
                assertThat(h.host.control().currentConfig().maxSessions()).isEqualTo(3);
                // script errors would show here; the refused wrong token is an expected failed request
                assertThat(browserLog(browser)).noneMatch(l -> l.contains("SEVERE") && !l.contains("/settings/validate - Failed"));
            } catch (RuntimeException | AssertionError e) {
                browserLog(browser).forEach(l -> System.out.println("browser: " + l));
                throw e;
            } finally {
                if (stream != null) {
                    stream.close();
                }
                browser.quit();
            }
        }
    }

    private static List<String> browserLog(ChromeDriver browser) {
        return browser.manage().logs().get("browser").getAll().stream().map(Object::toString).toList();
    }
}
