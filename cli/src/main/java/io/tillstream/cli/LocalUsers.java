package io.tillstream.cli;

import io.tillstream.cluster.BrokerUser;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.security.OwnerOnlyFile;
import io.tillstream.security.User;
import io.tillstream.security.UsersFile;
import io.tillstream.security.UsersFileException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The users of {@code up --users-file} on the local platform. Kafka's SCRAM users are made from the
 * users whose password the file holds readable (plain or Jetty's {@code OBF:}): SCRAM derives its
 * credential from the password itself, so a hashed user signs in to the HTTP servers only. Kafka's
 * users follow the file at every start (added, changed, and removed when gone from it). Tillstream's own
 * parts sign in everywhere as the data directory's {@link BrokerUser}, an admin added to the HTTP
 * servers' copy of the file ({@value #HTTP_USERS_FILE}, never to the file given).
 */
final class LocalUsers {

    static final String HTTP_USERS_FILE = "http-users.properties";
    static final String CLIENT_PROPERTIES_FILE = "client.properties";
    private static final int SCRAM_ITERATIONS = 8192;

    private final Path file;
    private final UsersFile users;

    private LocalUsers(Path file, UsersFile users) {
        this.file = file;
        this.users = users;
    }

    /** @throws CommandFailedException (usage) if the file cannot be read or holds a line that is not a user */
    static LocalUsers read(Path file) {
        try {
            return new LocalUsers(file, UsersFile.read(file));
        } catch (UsersFileException e) {
            throw new CommandFailedException("--users-file: " + e.getMessage(), ExitCode.USAGE);
        }
    }

    Path file() {
        return file;
    }

    /** The users with a readable password, who become Kafka users. */
    private List<UsersFile.Entry> kafkaUsers() {
        return users.entries().stream().filter(e -> e.password().plain().isPresent()).toList();
    }

    /** The Kafka users who are admins: Kafka's super users, who may do everything whatever the ACLs say. */
    Set<String> kafkaAdmins() {
        return kafkaUsers().stream().filter(e -> e.user().isAdmin()).map(e -> e.user().name()).collect(Collectors.toSet());
    }

    /** The users who sign in to HTTP only, their password being a hash. */
    List<String> httpOnlyUsers() {
        return users.entries().stream().filter(e -> e.password().plain().isEmpty()).map(e -> e.user().name()).toList();
    }

    /** Writes the HTTP servers' users: the file's lines and the broker user as an admin. */
    Path writeHttpUsers(LocalCluster cluster, BrokerUser brokerUser) {
        Path target = cluster.dataDirectory().root().resolve(HTTP_USERS_FILE);
        List<String> lines = new ArrayList<>(List.of("# Written by tillstream up from " + file.toAbsolutePath()
            + " at every start, with Tillstream's own user; edit that file, not this one"));
        lines.addAll(readLines(file));
        lines.add(brokerUser.name() + ": " + brokerUser.password() + "," + User.ADMIN);
        return writePrivate(target, lines);
    }

    /**
     * Makes Kafka's SCRAM users those of the file with a readable password, leaving the broker user alone,
     * and gives every one who is no admin (a viewer) {@link ReaderAcls}; admins are super users already.
     */
    void syncKafkaUsers(Admin admin, BrokerUser brokerUser) throws Exception {
        List<UserScramCredentialAlteration> changes = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (UsersFile.Entry entry : kafkaUsers()) {
            wanted.add(entry.user().name());
            changes.add(new UserScramCredentialUpsertion(entry.user().name(),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), entry.password().plain().orElseThrow()));
        }
        Set<String> existing = new HashSet<>(admin.describeUserScramCredentials().all().get().keySet());
        existing.remove(brokerUser.name());
        for (String name : existing) {
            if (!wanted.contains(name)) {
                changes.add(new UserScramCredentialDeletion(name, ScramMechanism.SCRAM_SHA_512));
            }
        }
        if (!changes.isEmpty()) {
            admin.alterUserScramCredentials(changes).all().get();
        }
        Set<String> readers = new HashSet<>(wanted);
        readers.removeAll(kafkaAdmins());
        Set<String> formerReaders = new HashSet<>(existing);
        formerReaders.addAll(wanted);
        formerReaders.removeAll(readers);
        ReaderAcls.sync(admin, readers, formerReaders);
    }

    /**
     * Writes {@value #CLIENT_PROPERTIES_FILE} for the first admin who is a Kafka user, else for the
     * broker user: Kafka's client settings (which Kafka's own tools take too) and the registry's basic
     * auth under Confluent's serde names.
     */
    Path writeClientProperties(LocalCluster cluster, BrokerUser brokerUser, Map<String, String> registryTrust) {
        Optional<UsersFile.Entry> admin = kafkaUsers().stream().filter(e -> e.user().isAdmin()).findFirst();
        String name = admin.map(e -> e.user().name()).orElse(brokerUser.name());
        String password = admin.map(e -> e.password().plain().orElseThrow()).orElse(brokerUser.password());
        Map<String, String> settings = new TreeMap<>(BrokerUser.clientProperties(cluster.spec(), name, password));
        settings.put("bootstrap.servers", cluster.bootstrapServers());
        settings.put("basic.auth.credentials.source", "USER_INFO");
        settings.put("basic.auth.user.info", name + ":" + password);
        settings.putAll(registryTrust);
        List<String> lines = new ArrayList<>(List.of(
            "# Written by tillstream up for " + name + ": pass it to tillstream's commands and to Kafka's own tools",
            "# (--command-config, --consumer.config, --producer.config)."));
        settings.forEach((key, value) -> lines.add(key + "=" + escape(value)));
        return writePrivate(cluster.dataDirectory().root().resolve(CLIENT_PROPERTIES_FILE), lines);
    }

    /**
     * A properties value as written: backslashes doubled and anything beyond ASCII as a unicode escape,
     * so {@code Properties.load} gives it back however the file is read (Kafka's tools read ISO 8859-1).
     */
    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\') {
                escaped.append("\\\\");
            } else if (c < 0x20 || c > 0x7e) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailedException("--users-file " + file + ": cannot read it: " + e.getMessage(), ExitCode.USAGE);
        }
    }

    private static Path writePrivate(Path target, List<String> lines) {
        try {
            // Made anew, so that it is owner-only whatever became of an earlier one.
            Files.deleteIfExists(target);
            OwnerOnlyFile.write(target, lines);
            return target;
        } catch (IOException e) {
            throw new CommandFailedException("cannot write " + target + ": " + e.getMessage(), ExitCode.FAILED, e);
        }
    }
}
