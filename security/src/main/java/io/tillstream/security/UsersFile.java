package io.tillstream.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users file every Tillstream server takes, in the Jetty form Confluent's registry documents:
 * one {@code name: password[,role...]} a line ({@code name:password} works too), blank lines and
 * lines starting with {@code #} skipped; the password plain or hashed ({@link StoredPassword}). One
 * parser, so the registry, the Control Center, the pipeline's API and Kafka agree on who may sign in
 * and in which roles.
 */
public final class UsersFile {

    /** What a users file holds, for every setting and option that takes one. */
    public static final String DOC = "A users file in Jetty's form, one 'name: password[,role...]' a line, the password "
        + "plain or hashed (MD5:, CRYPT:, BCRYPT:; 'tillstream users add' writes one), roles admin (everything) or "
        + "viewer (reads only; a user without admin is one); when set, every request needs HTTP basic authentication "
        + "as one of them.";

    /** A user and the password the file keeps for it. */
    public record Entry(User user, StoredPassword password) {
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
        int number = 0;
        for (String line : lines(file)) {
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
            try {
                users.put(name, new Entry(new User(name, roles), StoredPassword.parse(parts[0].trim())));
            } catch (IllegalArgumentException e) {
                throw new UsersFileException(file + ":" + number + ": user " + name + "'s password: " + e.getMessage());
            }
        }
        return new UsersFile(users);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsersFileException("Cannot read users file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Writes {@code name}'s line into {@code file}: in place of the line it has, else at the end; every
     * other line stays as it was. A new file is readable by its owner only.
     *
     * @throws UsersFileException if the name or a role cannot be written in the file's form, or the file
     *                            cannot be read or written
     */
    public static void put(Path file, String name, StoredPassword password, Collection<String> roles) {
        if (name.isBlank() || !name.equals(name.trim()) || name.contains(":") || name.startsWith("#")) {
            throw new UsersFileException("User name '" + name + "' cannot be written in a users file: "
                + "it must be non-empty, without ':' and without leading '#' or spaces");
        }
        for (String role : roles) {
            if (role.isBlank() || role.contains(",")) {
                throw new UsersFileException("Role '" + role + "' cannot be written in a users file: it must be non-empty, without ','");
            }
        }
        String entry = name + ": " + String.join(",", concat(password.text(), roles));
        List<String> lines = Files.exists(file) ? new ArrayList<>(lines(file)) : new ArrayList<>();
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).trim();
            int colon = trimmed.indexOf(':');
            if (!trimmed.startsWith("#") && colon > 0 && trimmed.substring(0, colon).trim().equals(name)) {
                lines.set(i, replaced ? null : entry);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(entry);
        }
        lines.removeIf(line -> line == null);
        try {
            OwnerOnlyFile.write(file, lines);
        } catch (IOException e) {
            throw new UsersFileException("Cannot write users file " + file + ": " + e.getMessage());
        }
    }

    private static List<String> concat(String first, Collection<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The user with {@code name} if {@code password} is theirs; compared in constant time. */
    public Optional<User> authenticate(String name, String password) {
        Entry entry = users.get(name);
        return entry != null && entry.password().matches(password) ? Optional.of(entry.user()) : Optional.empty();
    }

    /** Every user, in the file's order. */
    public Collection<Entry> entries() {
        return users.values();
    }

    public int size() {
        return users.size();
    }
}
