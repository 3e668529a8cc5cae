package io.tillstream.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's headless chromium driven by Playwright, as every browser test launches it; screenshots go to {@link #SCREENSHOTS}. */
final class Chromium {

    static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private Chromium() {
    }

    /** Playwright without a browser download of its own. */
    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Fails rather than skips: CI installs chromium (.ci/run), so its absence is a broken machine. */
    static Browser launch(Playwright playwright) throws Exception {
        assertThat(Files.isExecutable(EXECUTABLE))
            .as("Debian's chromium at " + EXECUTABLE + " runs the browser tests: apt-get install -y chromium")
            .isTrue();
        Files.createDirectories(SCREENSHOTS);
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(EXECUTABLE)
            .setHeadless(true)
            .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }
}
