package io.tillstream.console.http;

import io.tillstream.console.InvalidInputException;
import io.tillstream.console.acls.InvalidAclException;
import io.tillstream.console.acls.NoAuthorizerException;
import io.tillstream.console.cluster.TopicNotFoundException;
import io.tillstream.console.groups.GroupHasMembersException;
import io.tillstream.console.groups.GroupNotFoundException;
import io.tillstream.console.lake.LakeUnreadableException;
import io.tillstream.console.messages.TooManyBrowsesException;
import io.tillstream.console.messages.TooManyScansException;
import io.tillstream.console.sales.SalesApiException;
import io.tillstream.retail.deadletters.DeadLetterException;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.RegistryConnectionException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.InterruptException;
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

/**
 * The one place where a failure of Kafka, the registry, the console's own domain (its typed exceptions) or a request
 * becomes an answer for the user.
 */
public final class Errors {

    private Errors() {
    }

    /** {@code e} as the error a user sees, or null for a failure nobody foresaw (a bug: logged, answered 500). */
    public static ConsoleException translate(Throwable e) {
        if (e instanceof ConsoleException api) {
            return api;
        }
        if ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            return translate(e.getCause());
        }
        if (e instanceof TopicNotFoundException) {
            return new ConsoleException(ErrorCode.TOPIC_NOT_FOUND, e.getMessage());
        }
        if (e instanceof GroupNotFoundException) {
            return new ConsoleException(ErrorCode.GROUP_NOT_FOUND, e.getMessage());
        }
        if (e instanceof GroupHasMembersException) {
            return new ConsoleException(ErrorCode.GROUP_NOT_EMPTY, e.getMessage());
        }
        if (e instanceof NoAuthorizerException) {
            return new ConsoleException(ErrorCode.NO_AUTHORIZER, e.getMessage());
        }
        if (e instanceof InvalidInputException || e instanceof InvalidAclException) {
            return new ConsoleException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof TooManyBrowsesException) {
            return new ConsoleException(ErrorCode.TOO_MANY_BROWSES, e.getMessage());
        }
        if (e instanceof TooManyScansException) {
            return new ConsoleException(ErrorCode.TOO_MANY_SCANS, e.getMessage());
        }
        if (e instanceof LakeUnreadableException) {
            return new ConsoleException(ErrorCode.LAKE_UNREADABLE, e.getMessage());
        }
        if (e instanceof SalesApiException sales) {
            return new ConsoleException(switch (sales.problem()) {
                case NOT_CONFIGURED -> ErrorCode.SALES_NOT_CONFIGURED;
                case UNAVAILABLE -> ErrorCode.SALES_UNAVAILABLE;
                case NOT_READY -> ErrorCode.SALES_NOT_READY;
                case FAILED -> ErrorCode.SALES_FAILED;
            }, e.getMessage());
        }
        if (e instanceof DeadLetterException deadLetters) {
            return new ConsoleException(switch (deadLetters.kind()) {
                case NO_SUCH_TOPIC -> ErrorCode.TOPIC_NOT_FOUND;
                case TIMEOUT -> ErrorCode.KAFKA_UNAVAILABLE;
                case CONCURRENT_REDRIVE -> ErrorCode.REDRIVE_CONFLICT;
            }, e.getMessage() + ".");
        }
        if (e instanceof InterruptException) {
            return new ConsoleException(ErrorCode.INTERRUPTED, "The console is shutting down");
        }
        if (e instanceof UnknownTopicOrPartitionException) {
            return new ConsoleException(ErrorCode.TOPIC_NOT_FOUND, e.getMessage());
        }
        if (e instanceof TopicExistsException) {
            return new ConsoleException(ErrorCode.TOPIC_EXISTS, e.getMessage());
        }
        if (e instanceof GroupIdNotFoundException) {
            return new ConsoleException(ErrorCode.GROUP_NOT_FOUND, e.getMessage());
        }
        if (e instanceof GroupNotEmptyException || e instanceof UnknownMemberIdException) {
            // A consumer joined between the console's check and the change: the broker refuses it just as we would.
            return new ConsoleException(ErrorCode.GROUP_NOT_EMPTY,
                "The group has active members: stop its consumers first, then try again.");
        }
        if (e instanceof InvalidTopicException || e instanceof InvalidPartitionsException
            || e instanceof InvalidReplicationFactorException || e instanceof InvalidConfigurationException
            || e instanceof InvalidRequestException || e instanceof PolicyViolationException
            || e instanceof ConfigException) {
            return new ConsoleException(ErrorCode.INVALID_REQUEST, e.getMessage());
        }
        if (e instanceof AuthorizationException) {
            return new ConsoleException(ErrorCode.KAFKA_DENIED,
                "Kafka refused the console's client: " + e.getMessage());
        }
        if (e instanceof TimeoutException || e instanceof AuthenticationException) {
            return new ConsoleException(ErrorCode.KAFKA_UNAVAILABLE,
                "Kafka did not answer: " + e.getMessage() + ". Check that the brokers are running and reachable.");
        }
        if (e instanceof RegistryConnectionException) {
            return new ConsoleException(ErrorCode.REGISTRY_UNAVAILABLE, e.getMessage()
                + ". Check that the registry is running there, or start the console with --registry-url.");
        }
        if (e instanceof RegistryClientException registry) {
            return registryError(registry);
        }
        if (e instanceof SerializationException) {
            // The registry's failures reach us wrapped by the serializer.
            ConsoleException cause = e.getCause() == null ? null : translate(e.getCause());
            return cause != null ? cause : new ConsoleException(ErrorCode.SERIALIZATION_FAILED, e.getMessage());
        }
        if (e instanceof ApiException) {
            return new ConsoleException(ErrorCode.KAFKA_REJECTED, e.getMessage());
        }
        return null;
    }

    /** By Confluent's error code where the registry gave one; by HTTP status otherwise. */
    private static ConsoleException registryError(RegistryClientException e) {
        String message = e.registryMessage();
        int status = e.status();
        return switch (e.errorCode()) {
            case RegistryClientException.SUBJECT_NOT_FOUND -> new ConsoleException(ErrorCode.SUBJECT_NOT_FOUND, message);
            case RegistryClientException.VERSION_NOT_FOUND -> new ConsoleException(ErrorCode.VERSION_NOT_FOUND, message);
            case RegistryClientException.INCOMPATIBLE_SCHEMA -> new ConsoleException(ErrorCode.SCHEMA_INCOMPATIBLE, message);
            case RegistryClientException.INVALID_SCHEMA -> new ConsoleException(ErrorCode.INVALID_SCHEMA, message);
            default -> {
                if (status == 401 || status == 403) {
                    yield new ConsoleException(ErrorCode.REGISTRY_DENIED, "The schema registry refused the console's "
                        + "credentials (HTTP " + status + "); check --registry-user-info. " + message);
                }
                if (status >= 500 || e.errorCode() == status) {
                    // No Confluent error code: a proxy, a registry failing, or an endpoint this registry lacks.
                    yield new ConsoleException(ErrorCode.REGISTRY_FAILED,
                        "The schema registry answered HTTP " + status + ": " + message);
                }
                yield status == 404 ? new ConsoleException(ErrorCode.SCHEMA_NOT_FOUND, message)
                    : new ConsoleException(status == 422 ? ErrorCode.REGISTRY_UNPROCESSABLE : ErrorCode.REGISTRY_REJECTED, message);
            }
        };
    }
}
