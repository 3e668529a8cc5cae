package io.tillstream.console.schemas;

import java.util.List;

/**
 * One subject: its versions, oldest first, and the compatibility level new versions are checked
 * at, which is the global one when {@code compatibilityInherited}.
 */
record SubjectDetail(String subject, List<Integer> versions, String compatibility, boolean compatibilityInherited,
                     String globalCompatibility) {
}
