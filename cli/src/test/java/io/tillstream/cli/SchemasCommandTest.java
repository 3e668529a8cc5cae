package io.tillstream.cli;

import io.tillstream.registry.testing.KafkaWithRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SchemasCommandTest {

    private static final String V1 = """
        {"type":"record","name":"Sale","namespace":"shop","fields":[{"name":"invoice_no","type":"string"}]}""";
    private static final String V2_WITH_DEFAULT = """
        {"type":"record","name":"Sale","namespace":"shop","fields":[{"name":"invoice_no","type":"string"},
         {"name":"mall","type":"string","default":"Kanyon"}]}""";
    private static final String V2_BREAKING = """
        {"type":"record","name":"Sale","namespace":"shop","fields":[{"name":"invoice_no","type":"int"}]}""";

    @TempDir
    static Path dir;
    private static final KafkaWithRegistry stack = KafkaWithRegistry.shared();

    @Test
    void aSchemaIsRegisteredListedShownCheckedAndEvolved() throws Exception {
        Cli.Result registered = schemas("register", "--subject", "sales-value", "--file", file("v1.avsc", V1));
        assertThat(registered.exitCode()).isZero();
        assertThat(registered.out()).matches("Registered sales-value version 1, id \\d+\\.\\n");
        String id = registered.out().replaceAll("(?s).*id (\\d+).*", "$1");

        assertThat(schemas("list").out().lines()).contains("sales-value");
        assertThat(schemas("get", "--subject", "sales-value").out())
            .startsWith("subject sales-value, version 1, id " + id + "\n").contains("\"invoice_no\"");
        assertThat(schemas("get", "--id", id, "--schema-only").out()).startsWith("{").contains("\"name\":\"Sale\"");

        Cli.Result compatible = schemas("check", "--subject", "sales-value", "--file", file("v2.avsc", V2_WITH_DEFAULT));
        assertThat(compatible.exitCode()).isZero();
        assertThat(compatible.out()).isEqualTo("Compatible with sales-value version latest.\n");

        Cli.Result breaking = schemas("check", "--subject", "sales-value", "--file", file("bad.avsc", V2_BREAKING));
        assertThat(breaking.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(breaking.out()).startsWith("Incompatible with sales-value version latest:\n  ").contains("invoice_no");

        Cli.Result refused = schemas("register", "--subject", "sales-value", "--file", file("bad.avsc", V2_BREAKING));
        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(refused.err()).startsWith("error: ").contains("(error code 409)").hasLineCount(1);

        assertThat(schemas("register", "--subject", "sales-value", "--file", file("v2.avsc", V2_WITH_DEFAULT)).out())
            .startsWith("Registered sales-value version 2, id ");
    }

    @Test
    void protobufAndJsonSchemasAreRegisteredWithTheirReferencesAndChecked() throws Exception {
        String item = "syntax = \"proto3\";\npackage shop;\nmessage Item { string sku = 1; }\n";
        String order = "syntax = \"proto3\";\npackage shop;\nimport \"shop/item.proto\";\n"
            + "message Order { string id = 1; repeated Item items = 2; }\n";
        assertThat(schemas("register", "--subject", "shop/item.proto", "--file", file("item.proto", item)).out())
            .startsWith("Registered shop/item.proto version 1, id ");
        Cli.Result withImport = schemas("register", "--subject", "orders-value", "--file", file("order.proto", order),
            "--reference", "shop/item.proto=shop/item.proto:1");
        assertThat(withImport.exitCode()).as(withImport.err()).isZero();
        assertThat(schemas("get", "--subject", "orders-value").out())
            .matches("(?s)subject orders-value, version 1, id \\d+, PROTOBUF, references shop/item.proto=shop/item.proto:1\n"
                + ".*message Order.*");
        Cli.Result missingImport = schemas("register", "--subject", "orders2-value", "--file", file("order.proto", order));
        assertThat(missingImport.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(missingImport.err()).contains("shop/item.proto").contains("42201").hasLineCount(1);

        String person = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"additionalProperties\":false}";
        String narrower = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"integer\"}},\"additionalProperties\":false}";
        assertThat(schemas("register", "--subject", "people-value", "--file", file("person.json", person)).exitCode()).isZero();
        Cli.Result changed = schemas("check", "--subject", "people-value", "--type", "JSON", "--file", file("person.txt", narrower));
        assertThat(changed.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(changed.out()).contains("TYPE_CHANGED");

        Cli.Result badReference = schemas("register", "--subject", "x-value", "--file", file("order.proto", order),
            "--reference", "shop/item.proto");
        assertThat(badReference.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badReference.err()).isEqualTo("error: --reference shop/item.proto: expected NAME=SUBJECT:VERSION,"
            + " e.g. shop/item.proto=shop/item.proto:1\n");
    }

    @Test
    void compatibilityIsShownSetAndRemovedPerSubject() throws Exception {
        schemas("register", "--subject", "levels-value", "--file", file("levels.avsc", V1));

        assertThat(schemas("config").out()).isEqualTo("Compatibility of global: BACKWARD\n");
        assertThat(schemas("config", "--subject", "levels-value", "--level", "FULL").out())
            .isEqualTo("Compatibility of levels-value set to FULL.\n");
        assertThat(schemas("config", "--subject", "levels-value").out()).isEqualTo("Compatibility of levels-value: FULL\n");
        assertThat(schemas("config", "--subject", "levels-value", "--delete").exitCode()).isZero();

        Cli.Result badLevel = schemas("config", "--level", "SIDEWAYS");
        assertThat(badLevel.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badLevel.err()).contains("SIDEWAYS");
    }

    @Test
    void aSubjectIsSoftDeletedThenPermanentlyDeleted() throws Exception {
        schemas("register", "--subject", "gone-value", "--file", file("gone.avsc", V1));

        assertThat(schemas("delete", "--subject", "gone-value").out()).isEqualTo("Deleted gone-value (soft): versions 1.\n");
        assertThat(schemas("list").out().lines()).doesNotContain("gone-value");
        assertThat(schemas("list", "--deleted").out().lines()).contains("gone-value");
        assertThat(schemas("delete", "--subject", "gone-value", "--permanent").out())
            .isEqualTo("Deleted gone-value permanently: versions 1.\n");
        assertThat(schemas("list", "--deleted").out().lines()).doesNotContain("gone-value");
    }

    @Test
    void anUnknownSubjectIsNamedWithConfluentsErrorCode() {
        Cli.Result result = schemas("get", "--subject", "nobody-value");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(result.err()).startsWith("error: ").contains("nobody-value").endsWith("(error code 40401)\n");
    }

    @Test
    void badVersionsAndMissingFilesAreUsageErrors() {
        assertThat(schemas("get", "--subject", "x", "--version", "zero").err())
            .isEqualTo("error: --version must be a number from 1 or 'latest', not 'zero'\n");
        assertThat(schemas("get").err()).isEqualTo("error: give either --subject or --id\n");
        Cli.Result missing = schemas("register", "--subject", "x", "--file", dir.resolve("none.avsc").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).isEqualTo("error: --file " + dir.resolve("none.avsc") + ": no such file\n");
    }

    @Test
    void anUnreachableRegistryExitsWithThree() {
        Cli.Result result = Cli.run("schemas", "list", "--registry-url", "http://127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.err()).startsWith("error: ").contains("http://127.0.0.1:1").hasLineCount(1);
    }

    private static String file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    private static Cli.Result schemas(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "schemas";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--registry-url";
        full[args.length + 2] = stack.registryUrl();
        return Cli.run(full);
    }
}
