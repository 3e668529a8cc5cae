package io.tillstream.console.cluster;

import org.apache.kafka.common.errors.InterruptException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for Kafka's answers: a failure comes back as the exception Kafka failed with, for the edge to translate. */
public final class Futures {

    private Futures() {
    }

    /** The value of {@code future}, or the unchecked exception it failed with (a checked one wrapped). */
    public static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }
}
