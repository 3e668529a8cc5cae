package io.tillstream.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;

import static io.tillstream.security.HttpAccess.Outcome.ALLOWED;
import static io.tillstream.security.HttpAccess.Outcome.FORBIDDEN;
import static io.tillstream.security.HttpAccess.Outcome.UNAUTHENTICATED;
import static org.assertj.core.api.Assertions.assertThat;

class HttpAccessTest {

    @TempDir
    Path dir;

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private UsersFile users() throws Exception {
        return UsersFile.read(Files.writeString(dir.resolve("users"), """
            ada: a,admin
            vic: v,viewer
            norole: n
            confluent: c,user
            """));
    }

    @Test
    void adminsWriteAndEveryOtherUserOnlyReads() throws Exception {
        HttpAccess access = new HttpAccess(users(), Set.of());
        assertThat(access.decide(basic("ada:a"), true).outcome()).isEqualTo(ALLOWED);
        assertThat(access.decide(basic("vic:v"), false).outcome()).isEqualTo(ALLOWED);
        assertThat(access.decide(basic("vic:v"), true).outcome()).isEqualTo(FORBIDDEN);
        assertThat(access.decide(basic("norole:n"), true).outcome()).isEqualTo(FORBIDDEN);
        assertThat(access.decide(basic("confluent:c"), false).outcome()).isEqualTo(ALLOWED);
        assertThat(access.decide(basic("vic:wrong"), false).outcome()).isEqualTo(UNAUTHENTICATED);
        assertThat(access.decide(null, false).outcome()).isEqualTo(UNAUTHENTICATED);
    }

    @Test
    void signInRolesLeaveOutUsersHoldingNoneOfThem() throws Exception {
        HttpAccess access = new HttpAccess(users(), Set.of("admin", "user"));
        assertThat(access.decide(basic("confluent:c"), false).outcome()).isEqualTo(ALLOWED);
        assertThat(access.decide(basic("ada:a"), true).outcome()).isEqualTo(ALLOWED);
        assertThat(access.decide(basic("vic:v"), false).outcome()).isEqualTo(FORBIDDEN);
        assertThat(access.decide(basic("vic:v"), false).user()).hasValue(new User("vic", Set.of("viewer")));
    }
}
