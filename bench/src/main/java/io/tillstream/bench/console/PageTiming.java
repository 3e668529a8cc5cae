package io.tillstream.bench.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitUntilState;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Times each Control Center page in Debian's headless chromium, driven by Playwright: from the start
 * of a navigation until the page has drawn its data (a selector only the rendered data matches is
 * visible). Two ways in, each timed {@code runs} times per page after one untimed round:
 * <ul>
 *   <li>load: a fresh document from the page's URL (the previous document is about:blank), as when a
 *       link or bookmark opens the console; the browser's cache is warm, as for a returning user;</li>
 *   <li>switch: from the previous page of the list to this one inside the running app (the hash
 *       changes, as a click in the navigation does).</li>
 * </ul>
 * Prints one line per page with the median and the maximum of each, in milliseconds.
 * <p>
 * Usage: {@code PageTiming <console-url> <runs> <topics>}, the last the number of extra topics
 * {@link ConsoleContent} made (the topic list is drawn when the last of them is).
 */
public final class PageTiming {

    /** A page, where it is, and the selectors that match only once its data is drawn, in order. */
    record PageSpec(String name, String path, List<String> drawn) {
    }

    private static final long TIMEOUT_MS = 15_000;

    private PageTiming() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: PageTiming <console-url> <runs> <topics>");
            System.exit(2);
        }
        String url = args[0];
        int runs = Integer.parseInt(args[1]);
        String group = "tillstream-pipeline";
        String subject = ConsoleContent.topic(0) + "-value";
        List<PageSpec> pages = List.of(
            new PageSpec("overview", "/", List.of(".badge.accent:text-is('active controller')")),
            new PageSpec("topics", "/topics",
                List.of("table.topics tr[data-topic='" + ConsoleContent.topic(Integer.parseInt(args[2]) - 1) + "']")),
            new PageSpec("topic raw_data + messages", "/topics/raw_data", List.of(".message-table tr.clickable")),
            new PageSpec("consumer groups", "/groups", List.of("table.groups tr[data-group='" + group + "']")),
            new PageSpec("group " + group, "/groups/" + group, List.of("table.partitions tbody tr")),
            new PageSpec("schema registry", "/schemas", List.of("table.subjects tr[data-subject='" + subject + "']")),
            new PageSpec("subject " + subject, "/schemas/" + subject, List.of("table.diff tr.added", "pre.schema-text:not(:empty)")),
            new PageSpec("sales", "/sales", List.of("table.top-customers tbody tr")));

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                 .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                 .setExecutablePath(Paths.get("/usr/bin/chromium"))
                 .setHeadless(true)
                 .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 900)).newPage();
            List<String> errors = new ArrayList<>();
            page.onPageError(errors::add);
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    errors.add(m.text());
                }
            });
            page.setDefaultTimeout(TIMEOUT_MS);

            List<List<Long>> loads = new ArrayList<>();
            List<List<Long>> switches = new ArrayList<>();
            pages.forEach(p -> {
                loads.add(new ArrayList<>());
                switches.add(new ArrayList<>());
            });
            for (int round = 0; round <= runs; round++) {
                for (int i = 0; i < pages.size(); i++) {
                    long took = load(page, url, pages.get(i));
                    if (round > 0) {
                        loads.get(i).add(took);
                    }
                }
                // The app stays open from here on: each page is reached from the one before it.
                for (int i = 0; i < pages.size(); i++) {
                    long took = open(page, pages.get(i));
                    if (round > 0) {
                        switches.get(i).add(took);
                    }
                }
            }

            System.out.printf("%-34s %12s %9s %14s %11s%n", "page (" + runs + " runs each)", "load median", "load max",
                "switch median", "switch max");
            for (int i = 0; i < pages.size(); i++) {
                System.out.printf("%-34s %9d ms %6d ms %11d ms %8d ms%n", pages.get(i).name(),
                    median(loads.get(i)), Collections.max(loads.get(i)), median(switches.get(i)), Collections.max(switches.get(i)));
            }
            System.out.println("browser console errors: " + (errors.isEmpty() ? "none" : errors));
        }
    }

    private static long load(Page page, String url, PageSpec spec) {
        page.navigate("about:blank");
        long start = System.nanoTime();
        page.navigate(url + "/#" + spec.path(), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
        return drawn(page, spec, start);
    }

    private static long open(Page page, PageSpec spec) {
        long start = System.nanoTime();
        page.evaluate("hash => { location.hash = hash; }", "#" + spec.path());
        return drawn(page, spec, start);
    }

    /** Milliseconds from start until each of the page's selectors is visible. */
    private static long drawn(Page page, PageSpec spec, long start) {
        for (String selector : spec.drawn()) {
            page.locator(selector).first().waitFor();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
