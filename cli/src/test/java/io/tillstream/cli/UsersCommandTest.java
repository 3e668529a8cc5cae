package io.tillstream.cli;

import io.tillstream.security.User;
import io.tillstream.security.UsersFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UsersCommandTest {

    private static final InputStream STDIN = System.in;

    @TempDir
    Path dir;

    @AfterEach
    void restoreStdin() {
        System.setIn(STDIN);
    }

    private static Cli.Result withStdin(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return Cli.run(args);
    }

    @Test
    void addWritesABcryptLineThatSignsInWithItsRoles() throws Exception {
        Path file = dir.resolve("users.properties");
        Cli.Result added = withStdin("s3cret pass\n", "users", "add", "alice", "--role", "admin", "--file", file.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).isEqualTo("User alice (admin) written to " + file + ".\n");
        assertThat(Files.readString(file)).startsWith("alice: BCRYPT:$2a$10$").endsWith(",admin\n").doesNotContain("s3cret");

        assertThat(withStdin("v\n", "users", "add", "vic", "--file", file.toString()).exitCode()).isZero();
        assertThat(withStdin("new\n", "users", "add", "alice", "--role", "admin", "--file", file.toString()).exitCode()).isZero();

        UsersFile users = UsersFile.read(file);
        assertThat(users.size()).isEqualTo(2);
        assertThat(users.authenticate("alice", "s3cret pass")).isEmpty();
        assertThat(users.authenticate("alice", "new")).hasValue(new User("alice", Set.of("admin")));
        assertThat(users.authenticate("vic", "v")).hasValue(new User("vic", Set.of("viewer")));
    }

    @Test
    void noPasswordOrANameTheFileCannotHoldWritesNothing() {
        Path file = dir.resolve("users.properties");
        Cli.Result empty = withStdin("", "users", "add", "alice", "--file", file.toString());
        assertThat(empty.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(empty.err()).isEqualTo("error: No password given; nothing was written\n");
        Cli.Result colon = withStdin("x\n", "users", "add", "a:b", "--file", file.toString());
        assertThat(colon.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(colon.err()).startsWith("error: User name 'a:b' cannot be written in a users file");
        assertThat(file).doesNotExist();
    }

    @Test
    void aConfluentPropertiesFileAskingForBasicAuthWithoutUsersNeverStartsAnOpenRegistry() throws Exception {
        Path properties = Files.writeString(dir.resolve("schema-registry.properties"), """
            listeners=http://0.0.0.0:8081
            kafkastore.bootstrap.servers=PLAINTEXT://127.0.0.1:1
            authentication.method=BASIC
            authentication.realm=SchemaRegistry
            authentication.roles=admin,developer
            """);
        Cli.Result result = Cli.run("registry", properties.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(result.err()).startsWith("error: authentication.method=BASIC needs authentication.users.file");
        assertThat(result.out()).isEmpty();
    }
}
