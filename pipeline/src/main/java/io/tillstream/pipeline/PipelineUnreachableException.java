package io.tillstream.pipeline;

/** Kafka or the Schema Registry could not be reached, or refused the credentials. */
public class PipelineUnreachableException extends PipelineException {

    public PipelineUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
