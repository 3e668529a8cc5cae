package io.tillstream.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.tillstream.pipeline.testing.MirroredSale;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI in Debian's headless chromium, driven by Playwright, against the real cluster and
 * registry. Screenshots of each page go to {@code target/screenshots/} for review.
 */
@ExtendWith({Environment.Extension.class, Chromium.Extension.class})
class BrowserTest {

    private static final String SCHEMA = "{\"type\": \"record\", \"name\": \"Sale\", \"fields\": ["
        + "{\"name\": \"invoice_no\", \"type\": \"string\"}, {\"name\": \"shopping_mall\", \"type\": \"string\"}]}";

    private Browser browser;
    private Page page;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeEach
    void openPage(Browser browser) {
        this.browser = browser;
        page = Chromium.newPage(browser, consoleErrors);
        page.setDefaultTimeout(15_000);
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }

    private void shoot(String name) {
        Chromium.screenshot(page, name);
    }

    @Test
    void everyPageLoadsWithoutConsoleErrorsInBothThemes(Environment env) {
        Client api = new Client(env.console().url());
        api.post("/api/v1/topics", Map.of("name", "raw_data", "partitions", 3));
        api.post("/api/v1/topics/raw_data/messages", Map.of("format", "avro", "schema", SCHEMA, "key", "I138884",
            "value", "{\"invoice_no\": \"I138884\", \"shopping_mall\": \"Kanyon\"}"));

        page.navigate(env.console().url() + "/#/");
        assertThat(page.locator("h1")).hasText("Overview");
        assertThat(page.locator("table tbody tr")).hasCount(1);
        assertThat(page.getByText("active controller")).isVisible();
        page.waitForTimeout(2_500); // a few samples, so the charts draw lines
        assertThat(page.locator("svg.chart").first()).isVisible();
        shoot("overview-light");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Topics").setExact(true)).click();
        assertThat(page.locator("tr[data-topic='raw_data']")).isVisible();
        shoot("topics");

        page.locator("tr[data-topic='raw_data'] a").click();
        assertThat(page.locator("h1")).hasText("raw_data");
        assertThat(page.locator(".message-table")).containsText("Kanyon");
        page.locator(".message-table tr.clickable").first().click();
        shoot("topic");

        page.locator("#theme").click();
        page.navigate(env.console().url() + "/#/");
        assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
        page.waitForTimeout(1_500);
        shoot("overview-dark");
        page.navigate(env.console().url() + "/#/topics/raw_data");
        assertThat(page.locator(".message-table")).containsText("Kanyon");
        shoot("topic-dark");

        page.navigate(env.console().url() + "/#/topics/missing-topic");
        assertThat(page.getByText("There is no topic missing-topic").first()).isVisible();
        shoot("topic-missing");

        // The 404 above is answered on purpose; the browser reports the failed fetch, which is not a page error.
        assertThat(consoleErrors).allMatch(e -> e.contains("404"), "only the missing topic's 404");
    }

    @Test
    void aTopicIsCreatedFilledReadDecodedAndDeletedInTheUi(Environment env) {
        String name = "ui-returns";
        page.navigate(env.console().url() + "/#/topics");
        page.getByText("Create topic").click();
        page.locator("dialog input[name=name]").fill(name);
        page.locator("dialog input[name=partitions]").fill("2");
        page.locator("dialog textarea[name=configs]").fill("retention.ms=86400000");
        shoot("create-topic-dialog");
        page.locator("dialog button[type=submit]").click();
        assertThat(page.locator("tr[data-topic='" + name + "']")).isVisible();

        page.locator("tr[data-topic='" + name + "'] a").click();
        assertThat(page.getByText("No messages here")).isVisible();
        assertThat(page.getByLabel("Partition").locator("option")).hasText(new String[] {"All partitions", "Partition 0", "Partition 1"});
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Produce").setExact(true)).click();
        page.locator("dialog select[name=format]").selectOption("avro");
        page.locator("dialog input[name=key]").fill("I317333");
        page.locator("dialog textarea[name=value]").fill("{\"invoice_no\": \"I317333\", \"shopping_mall\": \"Forum Istanbul\"}");
        page.locator("dialog textarea[name=schema]").fill(SCHEMA);
        shoot("produce-dialog");
        page.locator("dialog button[type=submit]").click();
        Locator table = page.locator(".message-table");
        assertThat(table).containsText("Forum Istanbul");
        assertThat(table).containsText("avro · schema");
        assertThat(table).containsText("I317333");
        table.locator("tr.clickable").first().click();
        assertThat(page.locator(".message-detail")).containsText("\"shopping_mall\": \"Forum Istanbul\"");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete").setExact(true)).click();
        page.locator("dialog input[name=confirm]").fill("wrong");
        page.locator("dialog button[type=submit]").click();
        assertThat(page.locator("dialog .form-error")).containsText("Type the topic's name");
        page.locator("dialog input[name=confirm]").fill(name);
        page.locator("dialog button[type=submit]").click();
        assertThat(page.locator("h1")).hasText("Topics");
        assertThat(page.locator("tr[data-topic='" + name + "']")).hasCount(0);
        // The wrong confirmation's 400 is answered on purpose; the browser logs every failed fetch.
        assertThat(consoleErrors).allMatch(e -> e.contains("status of 400"), "only the refused confirmation's 400");
    }

    @Test
    void theSalesDashboardNumbersMoveWhileTheGeneratorRuns(Environment env) throws Exception {
        page.navigate(env.console().url() + "/#/sales");
        assertThat(page.getByText("Connect a sales pipeline")).isVisible();
        assertThat(page.locator("[data-nav=sales]")).isHidden();
        shoot("sales-not-configured");

        try (SalesFixture sales = SalesFixture.start(env);
             ControlCenter console = env.startConsole(Map.of(ConsoleConfig.SALES_API_URL_CONFIG, sales.url()))) {
            page.navigate(console.url() + "/#/");
            page.locator("[data-nav=sales]").click();
            assertThat(page.getByText("No sales yet")).isVisible();
            shoot("sales-empty");
            sales.send(300, "max");
            Locator invoices = page.locator("[data-kpi=invoices] .stat-value");
            assertThat(invoices).hasText("300", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
            assertThat(page.locator("[data-chart=by-mall] .bar")).hasCount(10);
            assertThat(page.locator("[data-chart=by-payment-method] .bar")).hasCount(3);
            assertThat(page.locator("table.top-customers tbody tr")).hasCount(10);

            CompletableFuture<Void> generating = CompletableFuture.runAsync(() -> sales.send(400, "40"));
            long seen = 300;
            for (int move = 0; move < 3; move++) {
                long before = seen;
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> number(invoices) > before);
                seen = number(invoices);
            }
            assertThat(generating).as("the numbers moved while sales were still being sent").isNotDone();
            generating.get(60, TimeUnit.SECONDS);
            assertThat(invoices).hasText("700", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
            assertThat(page.locator("[data-kpi=revenue] .stat-value")).containsText(".");
            shoot("sales");
            page.locator("#theme").click();
            shoot("sales-dark");

            sales.close();
            assertThat(page.getByText("Cannot reach the sales pipeline")).isVisible();
            assertThat(invoices).hasText("700");
            shoot("sales-down");
        }
        // The missing, stopping (502) and stopped (503) pipeline's answers are on purpose; the browser logs every failed fetch.
        assertThat(consoleErrors).allMatch(e -> e.matches("Failed to load resource: .* status of (404|502|503) .*"),
            "only the unconfigured, stopping and stopped pipeline's answers");
    }

    @Test
    void theLakePageSaysWhatItNeedsBeforeAnySinkRan(Environment env, @TempDir Path dir) {
        page.navigate(env.console().url() + "/#/");
        page.locator("[data-nav=lake]").click();
        assertThat(page.getByText("The console does not know where the lake is")).isVisible();
        assertThat(page.getByText("No sink has committed as group tillstream-sink")).isVisible();
        assertThat(page.locator(".subtitle a")).hasAttribute("href", "#/groups/tillstream-sink");
        shoot("lake-no-path");

        Path lake = dir.resolve("lake");
        try (ControlCenter console = env.startConsole(Map.of(ConsoleConfig.LAKE_PATH_CONFIG, lake.toString()))) {
            page.navigate(console.url() + "/#/lake");
            assertThat(page.getByText(lake + " does not exist yet")).isVisible();
            assertThat(page.getByText("No files yet")).isVisible();
            assertThat(page.getByText("No days yet")).isVisible();
            shoot("lake-empty");
        }
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void theTopologyPageDrawsThePipelinesNodesWithTheRecordsPerSecondKafkaStreamsCounts(Environment env) throws Exception {
        try (SalesFixture sales = SalesFixture.start(env);
             ControlCenter console = env.startConsole(Map.of(ConsoleConfig.SALES_API_URL_CONFIG, sales.url()))) {
            page.navigate(console.url() + "/#/");
            page.locator("[data-nav=topology]").click();
            assertThat(page.locator("h1")).hasText("Topology");
            for (String node : List.of("sales", "validate", "sum-partition", "merge-partitions", "dead-letters", "sales-enriched",
                "store:sales-totals", "store:dead-letter-counts")) {
                assertThat(page.locator("svg.topology-graph g[data-node='" + node + "']")).isVisible();
            }
            assertThat(page.locator("g[data-node='sales'] .detail")).hasText(sales.sourceTopic());
            assertThat(page.locator("path[data-edge='sales>validate']")).hasCount(1);
            assertThat(page.locator("path.edge.topic")).hasCount(1);

            CompletableFuture<Void> generating = CompletableFuture.runAsync(() -> sales.send(1_500, "100"));
            Locator sourceRate = page.locator("g[data-node='sales'] .rate");
            assertThat(sourceRate).hasText(Pattern.compile("^[1-9][0-9,.]* rec/s$"),
                new LocatorAssertions.HasTextOptions().setTimeout(60_000));
            assertThat(page.locator("g[data-node='sales-enriched'] .rate"))
                .hasText(Pattern.compile("^[1-9][0-9,.]* rec/s$"), new LocatorAssertions.HasTextOptions().setTimeout(10_000));
            assertThat(page.locator("g[data-node='sum-partition'] .rate")).hasText("n/a");
            assertThat(page.locator("tr[data-node='validate'] td").last()).hasText("records its sources consumed");
            shoot("topology");
            page.locator("#theme").click();
            assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
            shoot("topology-dark");
            generating.get(2, TimeUnit.MINUTES);
        }
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aDeadLetterIsShownWithItsReasonThenRedrivenFromThePageAndTheSalesTotalsMove(Environment env) throws Exception {
        try (SalesFixture sales = SalesFixture.start(env);
             ControlCenter console = env.startConsole(Map.of(ConsoleConfig.SALES_API_URL_CONFIG, sales.url()))) {
            sales.send(10, "max");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sales.invoicesCounted() == 10);
            MirroredSale mirrored = MirroredSale.create();
            mirrored.send(env.bootstrapServers(), sales.sourceTopic());

            page.navigate(console.url() + "/#/dead-letters/" + sales.deadLetterTopic());
            Locator group = page.locator("table.dead-letter-groups tbody tr");
            assertThat(group).containsText("unknown schema ID " + mirrored.schemaId(),
                new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
            assertThat(page.locator("[data-kpi=dead-letters] .stat-value")).hasText("1");
            group.getByText("Records").click();
            Locator record = page.locator("table.dead-letters tr.clickable");
            assertThat(record).hasCount(1);
            assertThat(record).containsText(sales.sourceTopic());
            record.click();
            assertThat(page.locator("tr.expanded .message-detail")).containsText(mirrored.sale().getInvoiceNo());
            shoot("dead-letters");

            mirrored.importSchema(env.registryUrl());
            record.locator("input[type=checkbox]").check();
            page.getByText("Redrive selected").click();
            assertThat(page.locator("dialog.modal [data-will-send='1']")).isVisible();
            shoot("dead-letters-redrive");
            page.locator("dialog.modal button[type=submit]").click();
            assertThat(page.locator(".redrive-result[data-sent='1']")).containsText("sent 1, skipped 0 of 1 matching");
            assertThat(page.locator("[data-kpi=redriven] .stat-value")).hasText("1");
            assertThat(record).containsText("redriven");
            shoot("dead-letters-redriven");

            page.locator("[data-nav=sales]").click();
            assertThat(page.locator("[data-kpi=invoices] .stat-value")).hasText("11",
                new LocatorAssertions.HasTextOptions().setTimeout(60_000));
            assertThat(sales.invoicesCounted()).isEqualTo(11);
        }
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void anAclCreatedInTheUiIsListedByKafkaAndDeletedThereWhileAViewerMayNotCreateOne(Environment env, @TempDir Path dir)
        throws Exception {
        try (AuthorizedCluster secured = AuthorizedCluster.start(env, dir)) {
            Page admin = Chromium.newPage(browser, AuthorizedCluster.ADMIN, AuthorizedCluster.ADMIN_PASSWORD, consoleErrors);
            admin.navigate(secured.console().url() + "/#/acls");
            assertThat(admin.locator("h1")).hasText("ACLs");
            admin.getByText("Create ACL").click();
            admin.locator("dialog input[name=principal]").fill("User:carol");
            admin.locator("dialog select[name=operation]").selectOption("WRITE");
            admin.locator("dialog select[name=patternType]").selectOption("PREFIXED");
            admin.locator("dialog input[name=resourceName]").fill("returns.");
            Chromium.screenshot(admin, "acl-create");
            admin.locator("dialog button[type=submit]").click();
            Locator row = admin.locator("tbody[data-group='User:carol'] tr[data-acl]");
            assertThat(row).hasCount(1);
            assertThat(row).containsText("TOPIC:returns. (prefix)");
            assertThat(secured.aclsInKafka()).containsExactly(new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, "returns.", PatternType.PREFIXED),
                new AccessControlEntry("User:carol", "*", AclOperation.WRITE, AclPermissionType.ALLOW)));
            admin.locator("select[aria-label='Group by']").selectOption("resource");
            assertThat(admin.locator("tbody[data-group='TOPIC:returns. (prefix)'] tr[data-acl]")).containsText("User:carol");
            Chromium.screenshot(admin, "acls");

            admin.locator("tr[data-acl] button:has-text('Delete')").click();
            admin.locator("dialog input[name=confirm]").fill("User:carol");
            admin.locator("dialog button[type=submit]").click();
            assertThat(admin.getByText("No ACL matches")).isVisible();
            assertThat(secured.aclsInKafka()).isEmpty();
            admin.context().close();

            secured.admin().createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.GROUP, "*", PatternType.LITERAL),
                new AccessControlEntry("User:vic", "*", AclOperation.READ, AclPermissionType.ALLOW)))).all().get();
            Page viewer = Chromium.newPage(browser, AuthorizedCluster.VIEWER, AuthorizedCluster.VIEWER_PASSWORD, consoleErrors);
            viewer.navigate(secured.console().url() + "/#/acls");
            assertThat(viewer.locator("tbody[data-group='User:vic'] tr[data-acl]")).containsText("GROUP:*");
            assertThat(viewer.getByText("Create ACL")).isHidden();
            assertThat(viewer.locator("tr[data-acl] button:has-text('Delete')")).isHidden();
            viewer.context().close();
        }
    }

    @Test
    void theAclsPageSaysWhenTheClusterRunsNoAuthorizer(Environment env) {
        page.navigate(env.console().url() + "/#/acls");
        assertThat(page.getByText("This cluster has no authorizer")).isVisible();
        assertThat(page.getByText("runs no authorizer, so it keeps no ACLs")).isVisible();
        assertThat(page.getByText("Create ACL")).isHidden();
        shoot("acls-no-authorizer");
        assertThat(consoleErrors).isEmpty();
    }

    private static long number(Locator stat) {
        return Long.parseLong(stat.textContent().replaceAll("[^0-9]", ""));
    }

    @Test
    void readOnlyModeHidesAdminActionsAndRefusesADelete(Environment env) {
        new Client(env.console().url()).post("/api/v1/topics", Map.of("name", "kept", "partitions", 1));
        try (ControlCenter readOnly = env.startConsole(Map.of(ConsoleConfig.READ_ONLY_CONFIG, true))) {
            page.navigate(readOnly.url() + "/#/topics/kept");
            assertThat(page.locator("h1")).hasText("kept");
            assertThat(page.locator("#mode")).isVisible();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete").setExact(true)))
                .isHidden();
            shoot("topic-read-only");

            Object answer = page.evaluate("async () => { const { api } = await import('/api.js');"
                + " try { await api('/topics/kept?confirm=kept', { method: 'DELETE' }); return 'deleted'; }"
                + " catch (e) { return e.status + ' ' + e.message; } }");

            assertThat(String.valueOf(answer)).startsWith("403 The console runs read-only");
            assertThat(new Client(env.console().url()).get("/api/v1/topics/kept").status()).isEqualTo(200);
        }
    }

    @Test
    void aViewerSignsInAndSeesNoAdminActionsWhichTheConsoleRefusesToo(Environment env) throws Exception {
        new Client(env.console().url()).post("/api/v1/topics", Map.of("name", "viewed", "partitions", 1));
        Path users = Files.writeString(env.dataDir().resolve("browser-users"), "vic: vicpw,viewer\nada: adapw,admin\n");
        try (ControlCenter secured = env.startConsole(Map.of(ConsoleConfig.USERS_FILE_CONFIG, users.toString()))) {
            Page viewer = Chromium.newPage(browser, "vic", "vicpw", consoleErrors);
            viewer.navigate(secured.url() + "/#/topics/viewed");
            assertThat(viewer.locator("h1")).hasText("viewed");
            assertThat(viewer.locator("#mode")).isVisible();
            assertThat(viewer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete").setExact(true)))
                .isHidden();
            Chromium.screenshot(viewer, "topic-viewer");
            Object answer = viewer.evaluate("async () => { const { api } = await import('/api.js');"
                + " try { await api('/topics/viewed?confirm=viewed', { method: 'DELETE' }); return 'deleted'; }"
                + " catch (e) { return e.status + ' ' + e.message; } }");
            assertThat(String.valueOf(answer)).startsWith("403 Forbidden: user vic may only read");
            viewer.context().close();

            Page admin = Chromium.newPage(browser, "ada", "adapw", consoleErrors);
            admin.navigate(secured.url() + "/#/topics/viewed");
            assertThat(admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete").setExact(true)))
                .isVisible();
            admin.context().close();
        }
    }

    @Test
    void aConsumerGroupShowsItsLagThenIsResetAndDeletedOnceItsConsumerStops(Environment env) {
        String topic = ConsoleApiTest.newTopic(new Client(env.console().url()), 2);
        String group = "ui-readers";
        GroupsApiTest.produce(env, topic, 20);
        try (KafkaConsumer<String, String> consumer =
                 GroupsApiTest.consumerThatCommitted(env, group, "ui-reader", List.of(topic), 20)) {
            GroupsApiTest.produce(env, topic, 7);
            page.navigate(env.console().url() + "/#/groups");
            Locator row = page.locator("tr[data-group='" + group + "']");
            assertThat(row.locator("td.lag")).hasText("7");
            assertThat(row).containsText("stable");
            shoot("groups");

            row.getByText(group).click();
            assertThat(page.locator("h1")).hasText(group);
            assertThat(page.locator(".stat", new Page.LocatorOptions().setHasText("Total lag"))).containsText("7");
            assertThat(page.locator("table.partitions tbody tr")).hasCount(2);
            assertThat(page.locator("table.compact").first()).containsText("ui-reader");
            assertThat(page.getByText("Reset offsets")).isDisabled();
            page.waitForTimeout(2_000); // a few lag samples for the chart
            shoot("group");
        }

        assertThat(page.locator(".subtitle")).containsText("empty");
        page.getByText("Reset offsets").click();
        page.locator("dialog select[name=to]").selectOption("earliest");
        page.locator("dialog input[name=confirm]").check();
        shoot("group-reset-dialog");
        page.locator("dialog button[type=submit]").click();
        assertThat(page.locator(".stat", new Page.LocatorOptions().setHasText("Total lag"))).containsText("27");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete").setExact(true)).click();
        page.locator("dialog input[name=confirm]").fill(group);
        page.locator("dialog button[type=submit]").click();
        assertThat(page.locator("h1")).hasText("Consumer groups");
        assertThat(page.locator("tr[data-group='" + group + "']")).hasCount(0);
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aSubjectsVersionsDiffAndCompatibilityVerdictShowInTheSchemaRegistryPages(Environment env) {
        String subject = "ui-sales-value";
        String v1 = "{\"type\": \"record\", \"name\": \"Sale\", \"fields\": [{\"name\": \"invoice_no\", \"type\": \"string\"}]}";
        String v2 = v1.replace("}]}", "}, {\"name\": \"email\", \"type\": [\"null\", \"string\"], \"default\": null}]}");
        Client api = new Client(env.console().url());
        api.post("/api/v1/schemas/subjects/" + subject + "/versions", Map.of("schema", v1));
        api.post("/api/v1/schemas/subjects/" + subject + "/versions", Map.of("schema", v2));

        page.navigate(env.console().url() + "/#/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Schema Registry")).click();
        assertThat(page.locator("tr[data-subject='" + subject + "']")).containsText("BACKWARD");
        shoot("schemas");

        page.locator("tr[data-subject='" + subject + "'] a").click();
        assertThat(page.locator("h1")).hasText(subject);
        assertThat(page.locator(".schema-text")).containsText("\"email\"");
        assertThat(page.locator(".diff tr.added").filter(new Locator.FilterOptions().setHasText("\"name\": \"email\"")))
            .hasCount(1);
        assertThat(page.locator(".diff tr.removed")).hasCount(1); // the old last field, which gains a comma
        page.locator("textarea[name=schema]").fill(v2.replace("}]}", "}, {\"name\": \"card\", \"type\": \"string\"}]}"));
        page.getByText("Check compatibility").click();
        assertThat(page.locator(".verdict")).containsText("Not BACKWARD compatible with version 2");
        assertThat(page.locator(".verdict")).containsText("'card'");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register").setExact(true)))
            .isDisabled();
        shoot("subject");
        page.locator("#theme").click();
        shoot("subject-dark");

        try (ControlCenter readOnly = env.startConsole(Map.of(ConsoleConfig.READ_ONLY_CONFIG, true))) {
            page.navigate(readOnly.url() + "/#/schemas/" + subject);
            assertThat(page.locator(".diff tr.added").first()).isVisible();
            assertThat(page.getByLabel("Compatibility level")).isDisabled();
            assertThat(page.getByText("Register a new version")).isHidden();
            shoot("subject-read-only");
        }
        page.navigate(env.console().url() + "/#/schemas");
        page.getByText("Register schema").click();
        page.locator("dialog input[name=subject]").fill("ui-refunds-value");
        page.locator("dialog textarea[name=schema]").fill(v1);
        shoot("register-schema-dialog");
        page.locator("dialog button[type=submit]").click();
        assertThat(page.locator("h1")).hasText("ui-refunds-value");
        shoot("subject-single");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void sidebarLinksTheApiDocument(Environment env) {
        page.navigate(env.console().url() + "/#/");
        Locator link = page.locator(".sidebar-foot").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("API"));
        Page document = page.context().waitForPage(link::click);
        document.waitForLoadState();
        assertThat(document.url()).isEqualTo(env.console().url() + "/api/v1/openapi.json");
        assertThat(document.locator("body")).containsText("\"openapi\": \"3.1.0\"");
        shoot("sidebar-api-link");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void theSidebarSwitchesBetweenClustersAndEachShowsItsOwnTopics(Environment env) {
        String onMain = "ui-main-" + System.nanoTime();
        String onSecond = "ui-second-" + System.nanoTime();
        try (TwoClusters clusters = TwoClusters.start(env)) {
            clusters.createTopic(TwoClusters.MAIN, onMain);
            clusters.createTopic(TwoClusters.SECOND, onSecond);
            Locator mainRow = page.locator("tr[data-topic='" + onMain + "']");
            Locator secondRow = page.locator("tr[data-topic='" + onSecond + "']");
            Locator create = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create topic"));

            page.navigate(clusters.console().url() + "/#/topics");
            Locator switcher = page.locator("#cluster");
            assertThat(switcher).hasValue(TwoClusters.MAIN);
            assertThat(mainRow).isVisible();
            assertThat(secondRow).hasCount(0);
            assertThat(create).isVisible();
            shoot("clusters-main");

            switcher.selectOption(TwoClusters.SECOND);
            assertThat(secondRow).isVisible();
            assertThat(mainRow).hasCount(0);
            assertThat(page.locator("#mode")).isVisible();
            assertThat(create).isHidden();
            shoot("clusters-second-read-only");

            page.reload();
            assertThat(switcher).hasValue(TwoClusters.SECOND);
            assertThat(secondRow).isVisible();
            switcher.selectOption(TwoClusters.MAIN);
            assertThat(mainRow).isVisible();
            assertThat(secondRow).hasCount(0);
            assertThat(consoleErrors).isEmpty();
            page.navigate("about:blank"); // the page stops polling before its console stops
        }
    }

    @Test
    void theChartsReachAsFarBackAsTheConsolesMetricsWindow(Environment env) {
        page.navigate(env.console().url() + "/#/");
        assertThat(page.getByText("Bytes per second, last 15 minutes")).isVisible();
        try (ControlCenter console = env.startConsole(Map.of(ConsoleConfig.METRICS_WINDOW_MS_CONFIG, 120_000L))) {
            page.navigate(console.url() + "/#/");
            assertThat(page.getByText("Bytes per second, last 2 minutes")).isVisible();
            assertThat(page.getByText("Messages per second, last 2 minutes")).isVisible();
            assertThat(consoleErrors).isEmpty();
            page.navigate("about:blank"); // the page stops polling before its console stops
        }
    }
}
