package io.tillstream.console.topics;

import io.tillstream.console.http.Bodies;
import io.tillstream.console.http.ConsoleException;

import java.util.Map;
import java.util.regex.Pattern;

/** The bodies of the Topics page's admin actions, each checked here before Kafka sees it. */
final class TopicRequests {

    /** Kafka's own rule for topic names. */
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    static final int MAX_PARTITIONS = 10_000;

    private TopicRequests() {
    }

    /** {@code replicationFactor} null takes the brokers' default. */
    record Create(String name, Integer partitions, Integer replicationFactor, Map<String, String> configs) {
        void validate() {
            requireName(name);
            Bodies.requireRange("partitions", partitions == null ? 0 : partitions, 1, MAX_PARTITIONS);
            if (replicationFactor != null) {
                Bodies.requireRange("replicationFactor", replicationFactor, 1, Short.MAX_VALUE);
            }
            requireConfigNames(configs);
        }
    }

    /** Configs to set; a null value removes the topic's own value so the default applies again. */
    record Configs(Map<String, String> configs) {
        void validate() {
            if (configs == null || configs.isEmpty()) {
                throw ConsoleException.badRequest("Name at least one config to change.");
            }
            requireConfigNames(configs);
        }
    }

    /** The partition count to grow to; Kafka can only add partitions, never remove them. */
    record Partitions(Integer count) {
        void validate() {
            Bodies.requireRange("count", count == null ? 0 : count, 1, MAX_PARTITIONS);
        }
    }

    static String requireName(String name) {
        if (name == null || !LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw ConsoleException.badRequest("A topic name is 1 to 249 letters, digits, '.', '_' or '-' "
                + "(and not '.' or '..'), not '" + name + "'.");
        }
        return name;
    }

    private static void requireConfigNames(Map<String, String> configs) {
        if (configs != null) {
            configs.keySet().forEach(key -> {
                if (key == null || !key.matches("[a-z0-9.]{1,100}")) {
                    throw ConsoleException.badRequest("'" + key + "' is not a topic config name.");
                }
            });
        }
    }
}
