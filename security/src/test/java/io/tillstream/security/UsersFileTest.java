package io.tillstream.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersFileTest {

    @TempDir
    Path dir;

    @Test
    void everyFormSignsInFromOneFile() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), """
            plain: secret,admin
            md5: MD5:5ebe2294ecd0e0f08eab7690d2a6ee69,viewer
            crypt: CRYPT:abNANd1rDfiNc
            bcrypt: BCRYPT:$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i,admin
            """);
        UsersFile users = UsersFile.read(file);
        assertThat(users.authenticate("plain", "secret")).hasValue(new User("plain", Set.of("admin")));
        assertThat(users.authenticate("md5", "secret")).hasValue(new User("md5", Set.of("viewer")));
        assertThat(users.authenticate("crypt", "secret")).hasValue(new User("crypt", Set.of()));
        assertThat(users.authenticate("bcrypt", "abc")).hasValue(new User("bcrypt", Set.of("admin")));
        assertThat(users.authenticate("md5", "MD5:5ebe2294ecd0e0f08eab7690d2a6ee69")).isEmpty();
        assertThat(users.authenticate("bcrypt", "secret")).isEmpty();
    }

    @Test
    void aBrokenHashNamesItsFileLineAndUser() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), "alice: secret\nbob: MD5:abc,admin\n");
        assertThatThrownBy(() -> UsersFile.read(file)).isInstanceOf(UsersFileException.class)
            .hasMessage(file + ":2: user bob's password: expected MD5: followed by 32 hex digits");
    }

    @Test
    void putReplacesTheUsersLineOrAppendsOneAndKeepsTheRest() throws Exception {
        Path file = dir.resolve("users");
        UsersFile.put(file, "alice", StoredPassword.bcrypt("first"), List.of("admin"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Files.writeString(file, "# the team\n" + Files.readString(file) + "bob: hunter2,viewer\n");

        UsersFile.put(file, "alice", StoredPassword.bcrypt("second"), List.of("viewer"));
        UsersFile.put(file, "carol", StoredPassword.bcrypt("third"), List.of());

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("# the team");
        assertThat(lines.get(1)).startsWith("alice: BCRYPT:$2a$").endsWith(",viewer");
        assertThat(lines.get(2)).isEqualTo("bob: hunter2,viewer");
        UsersFile users = UsersFile.read(file);
        assertThat(users.authenticate("alice", "first")).isEmpty();
        assertThat(users.authenticate("alice", "second")).hasValue(new User("alice", Set.of("viewer")));
        assertThat(users.authenticate("carol", "third")).isPresent();
        assertThat(users.authenticate("bob", "hunter2")).isPresent();
    }

    @Test
    void putRefusesNamesAndRolesTheFormCannotHold() {
        Path file = dir.resolve("users");
        assertThatThrownBy(() -> UsersFile.put(file, "a:b", StoredPassword.bcrypt("x"), List.of()))
            .isInstanceOf(UsersFileException.class).hasMessageStartingWith("User name 'a:b' cannot be written");
        assertThatThrownBy(() -> UsersFile.put(file, "a", StoredPassword.bcrypt("x"), List.of("admin,viewer")))
            .isInstanceOf(UsersFileException.class).hasMessageStartingWith("Role 'admin,viewer' cannot be written");
        assertThat(file).doesNotExist();
    }
}
