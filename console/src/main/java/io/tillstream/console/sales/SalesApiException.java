package io.tillstream.console.sales;

/** The sales pipeline's API did not give the console an answer; {@link #problem()} says why. */
public final class SalesApiException extends RuntimeException {

    /** Why the pipeline did not answer. */
    public enum Problem {
        /** It cannot be reached or did not answer in time. */
        UNAVAILABLE,
        /** It answered that it is still starting. */
        NOT_READY,
        /** It answered with an error. */
        FAILED
    }

    private final Problem problem;

    public SalesApiException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
