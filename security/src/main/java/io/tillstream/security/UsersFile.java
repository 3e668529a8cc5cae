package io.tillstream.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users file every Tillstream server takes, in the Jetty form Confluent's registry documents:
 * one {@code name: password[,role...]} a line ({@code name:password} works too), blank lines and
 * lines starting with {@code #} skipped. One parser, so the registry, the Control Center and the
 * pipeline's API agree on who may sign in and in which roles.
 */
public final class UsersFile {

    /** What a users file holds, for every setting and option that takes one. */
    public static final String DOC = "A users file in Jetty's form, one 'name: password[,role...]' a line; when set, "
        + "every request needs HTTP basic authentication as one of them.";

    private record Entry(User user, byte[] password) {
    }

    private final Map<String, Entry> users;

    private UsersFile(Map<String, Entry> users) {
        this.users = users;
    }

    /**
     * Reads {@code file}.
     *
     * @throws UsersFileException naming the file and line of the first line that is not a user,
     *                            or why the file cannot be read
     */
    public static UsersFile read(Path file) {
        Map<String, Entry> users = new LinkedHashMap<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon <= 0) {
                    throw new UsersFileException(file + ":" + number + ": expected 'name: password[,role...]'");
                }
                String name = trimmed.substring(0, colon).trim();
                String[] parts = trimmed.substring(colon + 1).split(",");
                Set<String> roles = new LinkedHashSet<>();
                Arrays.stream(parts).skip(1).map(String::trim).filter(r -> !r.isEmpty()).forEach(roles::add);
                users.put(name, new Entry(new User(name, roles), parts[0].trim().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UsersFileException("Cannot read users file " + file + ": " + e.getMessage());
        }
        return new UsersFile(users);
    }

    /** The user with {@code name} if {@code password} is theirs; compared in constant time. */
    public Optional<User> authenticate(String name, String password) {
        Entry entry = users.get(name);
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        return entry != null && MessageDigest.isEqual(entry.password(), given) ? Optional.of(entry.user()) : Optional.empty();
    }

    public int size() {
        return users.size();
    }
}
