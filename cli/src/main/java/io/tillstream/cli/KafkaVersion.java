package io.tillstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Apache Kafka version on the classpath, read from the version file kafka-clients ships. */
final class KafkaVersion {

    private KafkaVersion() {
    }

    static String current() {
        try (InputStream in = KafkaVersion.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
