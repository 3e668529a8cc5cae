package io.tillstream.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The message browser's search and export in Debian's headless chromium, against the real cluster and registry. */
@ExtendWith({Environment.Extension.class, Chromium.Extension.class})
class MessageSearchBrowserTest {

    private static final String SCHEMA = "{\"type\": \"record\", \"name\": \"Sale\", \"fields\": ["
        + "{\"name\": \"invoice_no\", \"type\": \"string\"}, {\"name\": \"shopping_mall\", \"type\": \"string\"}]}";

    private Page page;
    private final List<String> errors = new ArrayList<>();

    @BeforeEach
    void openPage(Browser browser) {
        page = Chromium.newPage(browser, errors);
        page.setDefaultTimeout(30_000);
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }

    @Test
    void exportDownloadsAFileWhoseRowsAreTheTopicsOrTheFilteredOnes(Environment env) throws Exception {
        Client api = new Client(env.console().url());
        String topic = "ui-export-" + System.nanoTime();
        api.post("/api/v1/topics", Map.of("name", topic, "partitions", 2));
        List<String> malls = List.of("Kanyon", "Metrocity, Levent", "Kanyon", "Forum \"Istanbul\"", "Zorlu Center");
        for (int i = 0; i < malls.size(); i++) {
            String value = "{\"invoice_no\": \"I10000" + i + "\", \"shopping_mall\": \"" + malls.get(i).replace("\"", "\\\"") + "\"}";
            assertThat(api.post("/api/v1/topics/" + topic + "/messages", Map.of("format", "avro", "schema", SCHEMA,
                "key", "I10000" + i, "value", value)).status()).isEqualTo(201);
        }

        page.navigate(env.console().url() + "/#/topics/" + topic);
        assertThat(page.locator(".message-table")).containsText("Zorlu Center");
        Download all = page.waitForDownload(() -> page.locator("a.export[data-format=csv]").click());
        assertThat(all.suggestedFilename()).isEqualTo(topic + ".csv");
        String csv = Files.readString(all.path(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("partition,offset,timestamp,key,headers,invoice_no,shopping_mall,value_other\r\n");
        assertThat(csv.split("\r\n")).hasSize(1 + malls.size());
        for (int i = 0; i < malls.size(); i++) {
            String mall = malls.get(i);
            String cell = mall.contains(",") || mall.contains("\"") ? "\"" + mall.replace("\"", "\"\"") + "\"" : mall;
            assertThat(csv).contains(",I10000" + i + ",{},I10000" + i + "," + cell + ",\r\n");
        }

        page.locator("input.filter").fill("value.shopping_mall == \"Kanyon\"");
        Download kanyon = page.waitForDownload(() -> page.locator("a.export[data-format=jsonl]").click());
        List<String> lines = Files.readAllLines(kanyon.path(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"shopping_mall\":\"Kanyon\""));
        assertThat(String.join("\n", lines)).contains("\"key\":\"I100000\"", "\"key\":\"I100002\"");
        Chromium.screenshot(page, "topic-export");
        assertThat(errors).isEmpty();
    }

    @Test
    void aFilterFindsAKnownKeyAmongAMillionRecordsAndACancelStopsASearch(Environment env) throws Exception {
        String topic = MillionRecords.topic(env);
        page.navigate(env.console().url() + "/#/topics/" + topic);
        assertThat(page.locator(".message-table")).isVisible();

        page.locator("input.filter").fill("key == \"" + MillionRecords.NEEDLE + "\"");
        page.getByText("Search", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator(".search-progress")).hasText("Scanned everything: 1,000,000 records, 1 found.",
            new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.locator(".message-table tbody tr.clickable")).hasCount(1);
        assertThat(page.locator(".message-table")).containsText(MillionRecords.NEEDLE);
        Chromium.screenshot(page, "topic-search");

        page.locator("input.filter").fill("valueText.contains(\"never\")");
        page.locator("select[aria-label=Direction]").selectOption("oldest");
        page.locator("select[aria-label=Budget]").selectOption("100000000");
        page.getByText("Search", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator(".search-progress")).containsText("Scanned");
        page.getByText("Cancel", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator(".search-progress")).containsText("Cancelled after");

        page.locator("input.filter").fill("key ==");
        page.getByText("Search", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.getByText("The filter cannot be used")).isVisible();
        assertThat(page.locator(".messages")).containsText("line 1, column 7");
        assertThat(errors).as("only the refused filter's 400").containsExactly(
            "Failed to load resource: the server responded with a status of 400 (Bad Request)");
    }
}
