package io.tillstream.console.schemas;

import io.tillstream.serde.client.CompatibilityResult;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a proposed schema may be registered under a subject at its {@code compatibility} level,
 * and if not, the {@code reasons} in words and the {@code version} it conflicts with.
 */
record CompatibilityVerdict(boolean compatible, String compatibility, Integer version, List<String> reasons) {

    // Confluent's verbose answer: one entry per problem, then the old version, its schema and the settings.
    private static final Pattern PROBLEM = Pattern.compile("^\\{errorType:'[^']*', description:'(.*)', additionalInfo:'.*'}$",
        Pattern.DOTALL);
    private static final Pattern OLD_VERSION = Pattern.compile("^\\{oldSchemaVersion: (\\d+)}$");
    private static final Pattern CONTEXT = Pattern.compile("^\\{(oldSchema|validateFields):");

    static CompatibilityVerdict of(CompatibilityResult result, String compatibility) {
        List<String> reasons = new ArrayList<>();
        Integer version = null;
        for (String message : result.messages()) {
            Matcher problem = PROBLEM.matcher(message);
            Matcher oldVersion = OLD_VERSION.matcher(message);
            if (problem.matches()) {
                reasons.add(problem.group(1));
            } else if (oldVersion.matches()) {
                version = Integer.valueOf(oldVersion.group(1));
            } else if (!CONTEXT.matcher(message).find()) {
                reasons.add(message); // another registry's wording, shown as it is
            }
        }
        if (!result.compatible() && reasons.isEmpty()) {
            reasons.add("The registry gave no reasons.");
        }
        return new CompatibilityVerdict(result.compatible(), compatibility, version, List.copyOf(reasons));
    }

    /** The refusal of a registration, in one line. */
    String refusal(String subject) {
        return "Not registered: the schema is not " + compatibility + " compatible with "
            + (version == null ? "the versions of " + subject : "version " + version + " of " + subject) + ". "
            + String.join("; ", reasons);
    }
}
