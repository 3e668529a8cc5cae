package io.tillstream.console.http;

import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.RegistryConnectionException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The one place where a failure of Kafka, the registry or a request becomes an answer for the user. */
public final class Errors {

    private Errors() {
    }

    /** The value of a Kafka call, or its failure as a {@link ConsoleException} when it is one a user can act on. */
    public static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            ConsoleException known = translate(e.getCause());
            throw known != null ? known : new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleException(503, "interrupted", "The console is shutting down");
        }
    }

    /** {@code e} as the error a user sees, or null for a failure nobody foresaw (a bug: logged, answered 500). */
    public static ConsoleException translate(Throwable e) {
        if (e instanceof ConsoleException api) {
            return api;
        }
        if ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            return translate(e.getCause());
        }
        if (e instanceof UnknownTopicOrPartitionException) {
            return new ConsoleException(404, "topic_not_found", e.getMessage());
        }
        if (e instanceof TopicExistsException) {
            return new ConsoleException(409, "topic_exists", e.getMessage());
        }
        if (e instanceof GroupIdNotFoundException) {
            return new ConsoleException(404, "group_not_found", e.getMessage());
        }
        if (e instanceof GroupNotEmptyException || e instanceof UnknownMemberIdException) {
            // A consumer joined between the console's check and the change: the broker refuses it just as we would.
            return new ConsoleException(409, "group_not_empty",
                "The group has active members: stop its consumers first, then try again.");
        }
        if (e instanceof InvalidTopicException || e instanceof InvalidPartitionsException
            || e instanceof InvalidReplicationFactorException || e instanceof InvalidConfigurationException
            || e instanceof InvalidRequestException || e instanceof PolicyViolationException
            || e instanceof ConfigException) {
            return new ConsoleException(400, "invalid_request", e.getMessage());
        }
        if (e instanceof AuthorizationException) {
            return new ConsoleException(403, "kafka_denied",
                "Kafka refused the console's client: " + e.getMessage());
        }
        if (e instanceof TimeoutException || e instanceof AuthenticationException) {
            return new ConsoleException(503, "kafka_unavailable",
                "Kafka did not answer: " + e.getMessage() + ". Check that the brokers are running and reachable.");
        }
        if (e instanceof RegistryConnectionException) {
            return new ConsoleException(502, "registry_unavailable", e.getMessage()
                + ". Check that the registry is running there, or start the console with --registry-url.");
        }
        if (e instanceof RegistryClientException registry) {
            return registryError(registry);
        }
        if (e instanceof SerializationException) {
            // The registry's failures reach us wrapped by the serializer.
            ConsoleException cause = e.getCause() == null ? null : translate(e.getCause());
            return cause != null ? cause : new ConsoleException(400, "serialization_failed", e.getMessage());
        }
        if (e instanceof ApiException) {
            return new ConsoleException(400, "kafka_rejected", e.getMessage());
        }
        return null;
    }

    /** By Confluent's error code where the registry gave one; by HTTP status otherwise. */
    private static ConsoleException registryError(RegistryClientException e) {
        String message = e.registryMessage();
        int status = e.status();
        return switch (e.errorCode()) {
            case RegistryClientException.SUBJECT_NOT_FOUND -> new ConsoleException(404, "subject_not_found", message);
            case RegistryClientException.VERSION_NOT_FOUND -> new ConsoleException(404, "version_not_found", message);
            case RegistryClientException.INCOMPATIBLE_SCHEMA -> new ConsoleException(409, "schema_incompatible", message);
            case RegistryClientException.INVALID_SCHEMA -> new ConsoleException(422, "invalid_schema", message);
            default -> {
                if (status == 401 || status == 403) {
                    yield new ConsoleException(502, "registry_denied", "The schema registry refused the console's "
                        + "credentials (HTTP " + status + "); check --registry-user-info. " + message);
                }
                if (status >= 500 || e.errorCode() == status) {
                    // No Confluent error code: a proxy, a registry failing, or an endpoint this registry lacks.
                    yield new ConsoleException(502, "registry_failed",
                        "The schema registry answered HTTP " + status + ": " + message);
                }
                yield status == 404 ? new ConsoleException(404, "schema_not_found", message)
                    : new ConsoleException(status == 422 ? 422 : 400, "registry_rejected", message);
            }
        };
    }
}
