package io.tillstream.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicAuthenticatorTest {

    @TempDir
    Path dir;

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bothLineFormsSignInWithTheirRolesAndNothingElseDoes() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), """
            # Jetty's form, as Confluent documents it, and the short one
            alice: secret,admin, viewer
            bob:hunter2
            carol: pa:ss
            """);
        BasicAuthenticator auth = new BasicAuthenticator(UsersFile.read(file));

        assertThat(auth.authenticate(basic("alice:secret"))).hasValue(new User("alice", Set.of("admin", "viewer")));
        assertThat(auth.authenticate(basic("bob:hunter2"))).hasValue(new User("bob", Set.of()));
        assertThat(auth.authenticate(basic("carol:pa:ss"))).isPresent();
        assertThat(auth.authenticate(basic("alice:secret,admin"))).isEmpty();
        assertThat(auth.authenticate(basic("alice:wrong"))).isEmpty();
        assertThat(auth.authenticate(basic("nobody:secret"))).isEmpty();
        assertThat(auth.authenticate("Basic !!!")).isEmpty();
        assertThat(auth.authenticate("Bearer abc")).isEmpty();
        assertThat(auth.authenticate(null)).isEmpty();
    }

    @Test
    void aLineThatIsNotAUserIsNamedWithItsFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), "alice: secret\nno colon here\n");
        assertThatThrownBy(() -> UsersFile.read(file)).isInstanceOf(UsersFileException.class)
            .hasMessage(file + ":2: expected 'name: password[,role...]'");
        assertThatThrownBy(() -> UsersFile.read(dir.resolve("missing"))).isInstanceOf(UsersFileException.class)
            .hasMessageStartingWith("Cannot read users file " + dir.resolve("missing"));
    }
}
