package dev.palimpsest.e2e;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.palimpsest.devstack.OrphanGuard;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A headless Chromium driven by Selenium: Debian's {@code chromium} and {@code chromium-driver} (which {@code .ci/run}
 * installs), never a browser downloaded at test time. Without them the browser tests are skipped with a loud message,
 * unless {@code CI=true}, where a missing browser fails them. The driver and the browser die with this JVM, even on
 * {@code kill -9} (the same orphan guard as the stack's processes).
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("palimpsest.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("palimpsest.chromedriver",
            "/usr/bin/chromedriver"));
    /** Where each scenario's screenshot goes: {@code e2e-tests/target/screenshots}. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** What is missing to drive a browser here, or null when nothing is. */
    static String missing() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return null;
        }
        return "no browser: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed (Debian: apt-get install chromium"
                + " chromium-driver; .ci/run installs them)";
    }

    /** A browser, or the test is skipped (failed under {@code CI=true}) when this machine has none. */
    static Browser startOrSkip() {
        String message = missing();
        if (message != null) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true and " + message);
            }
            System.err.println("\n*** SKIPPING THE BROWSER TESTS OF THE WEB UI: " + message + " ***\n");
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        guardDescendants();
        Browser browser = new Browser(driver);
        Runtime.getRuntime().addShutdownHook(new Thread(browser::close, "browser-shutdown"));
        return browser;
    }

    /** The driver and the browsers it started end when this JVM does, however it ends. */
    private static void guardDescendants() {
        ProcessHandle.current().children()
                .filter(child -> OrphanGuard.commandName(child.pid()).startsWith("chromedriver"))
                .forEach(driverProcess -> {
                    OrphanGuard.guard(driverProcess.pid(), OrphanGuard.commandName(driverProcess.pid()), "TERM");
                    driverProcess.children().forEach(browser -> OrphanGuard.guard(browser.pid(),
                            OrphanGuard.commandName(browser.pid()), "TERM"));
                });
    }

    ChromeDriver driver() {
        return driver;
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    void windowSize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's rules run in the page: no serious or critical finding. */
    void assertAccessible(String page) {
        Results results = new AxeBuilder().analyze(driver);
        List<Rule> grave = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())).toList();
        Assertions.assertTrue(grave.isEmpty(), page + ": " + grave.stream()
                .map(rule -> rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ") at "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget()))
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")));
    }

    /** Every resource the page loaded came from {@code origin}: no external request. */
    void assertNothingLoadedFromElsewhere(String origin) {
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) script(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
        List<String> elsewhere = loaded.stream().filter(url -> !url.startsWith(origin)).toList();
        Assertions.assertTrue(elsewhere.isEmpty(), "loaded from elsewhere: " + elsewhere);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // already gone (the shutdown hook after an explicit close)
        }
    }
}
