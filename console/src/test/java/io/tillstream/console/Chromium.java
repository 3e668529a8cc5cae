package io.tillstream.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless chromium driven by Playwright, launched once for every browser test class ({@link Extension}
 * hands it to them); each test opens its pages with {@link #newPage}, and screenshots go to {@link #SCREENSHOTS}.
 */
final class Chromium {

    static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private Chromium() {
    }

    /**
     * A page in a browser context of its own (as a new window: no cookies or credentials of another page), 1360 by
     * 900, downloads accepted, which notes in {@code errors} what it logs as a console error and its uncaught errors.
     */
    static Page newPage(Browser browser, List<String> errors) {
        return newPage(browser, new Browser.NewContextOptions(), errors);
    }

    /** The same, signed in as {@code user} with HTTP basic auth. */
    static Page newPage(Browser browser, String user, String password, List<String> errors) {
        return newPage(browser, new Browser.NewContextOptions().setHttpCredentials(user, password), errors);
    }

    private static Page newPage(Browser browser, Browser.NewContextOptions options, List<String> errors) {
        Page page = browser.newContext(options.setViewportSize(1360, 900).setAcceptDownloads(true)).newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                errors.add(message.text());
            }
        });
        page.onPageError(errors::add);
        return page;
    }

    /** The whole page, into {@link #SCREENSHOTS} as {@code name.png}, for review. */
    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** Fails rather than skips: CI installs chromium (.ci/run), so its absence is a broken machine. */
    private static Browser launch(Playwright playwright) {
        assertThat(Files.isExecutable(EXECUTABLE))
            .as("Debian's chromium at " + EXECUTABLE + " runs the browser tests: apt-get install -y chromium")
            .isTrue();
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(EXECUTABLE)
            .setHeadless(true)
            .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /** Resolves a test's {@link Browser} parameter: one chromium for the whole run, closed at its end. */
    static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Browser.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class).browser();
        }
    }

    /** Playwright without a browser download of its own, and the chromium it drives. */
    private record Running(Playwright playwright, Browser browser) implements ExtensionContext.Store.CloseableResource {

        static Running start() {
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            try {
                return new Running(playwright, launch(playwright));
            } catch (RuntimeException | Error e) {
                playwright.close();
                throw e;
            }
        }

        @Override
        public void close() {
            playwright.close();
        }
    }
}
