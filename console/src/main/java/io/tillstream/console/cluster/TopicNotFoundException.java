package io.tillstream.console.cluster;

/** The cluster has no topic of the name asked for, not even in a fresh sample. */
public final class TopicNotFoundException extends RuntimeException {

    public TopicNotFoundException(String topic) {
        super("There is no topic " + topic + ".");
    }
}
