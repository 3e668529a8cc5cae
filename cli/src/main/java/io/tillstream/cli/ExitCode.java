package io.tillstream.cli;

/** The exit codes every command uses, so that scripts can tell failure kinds apart. */
public final class ExitCode {

    /** Done as asked; for {@code status}, the cluster is healthy. */
    public static final int OK = 0;
    /** The command ran but could not do what was asked; for {@code status}, the cluster is unhealthy. */
    public static final int FAILED = 1;
    /** The command line itself was wrong: an unknown option, a missing or malformed value. */
    public static final int USAGE = 2;
    /** Kafka could not be reached or refused the connection (address, network, authentication). */
    public static final int UNREACHABLE = 3;

    private ExitCode() {
    }
}
