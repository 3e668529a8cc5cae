package io.tillstream.security;

import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.Password;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A password as a users file keeps it. Jetty's forms, read by Jetty's own {@link Credential} as Jetty
 * and Confluent's registry read them: plain text, {@code OBF:} (obfuscated, not hashed),
 * {@code MD5:} followed by the hex MD5 digest of the password, {@code CRYPT:} followed by Unix
 * crypt(3)'s DES form (two salt characters and eleven of hash); and ours, {@code BCRYPT:} followed by
 * a bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}), what {@code tillstream users add} writes.
 * Every check compares in constant time (Jetty's and bcrypt's comparisons).
 */
public final class StoredPassword {

    public static final String BCRYPT_PREFIX = "BCRYPT:";
    /** bcrypt's cost for new hashes: 2^10 rounds, about 50-100 ms a check, once per request signed in. */
    static final int BCRYPT_COST = 10;

    private static final Pattern MD5 = Pattern.compile("MD5:[0-9a-fA-F]{32}");
    private static final Pattern CRYPT = Pattern.compile("CRYPT:[./0-9A-Za-z]{13}");
    private static final Pattern BCRYPT = Pattern.compile(Pattern.quote(BCRYPT_PREFIX) + "\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}");

    private final String text;
    private final Credential credential;

    private StoredPassword(String text, Credential credential) {
        this.text = text;
        this.credential = credential;
    }

    /**
     * Reads a password as written in a users file.
     *
     * @throws IllegalArgumentException naming the form when {@code text} starts as a hashed form but is not one
     */
    public static StoredPassword parse(String text) {
        if (text.startsWith(BCRYPT_PREFIX)) {
            require(BCRYPT, text, "BCRYPT: followed by a bcrypt hash ($2a$, $2b$ or $2y$, cost, 53 characters)");
            return new StoredPassword(text, null);
        }
        if (text.startsWith("MD5:")) {
            require(MD5, text, "MD5: followed by 32 hex digits");
        } else if (text.startsWith("CRYPT:")) {
            require(CRYPT, text, "CRYPT: followed by the 13 characters of Unix crypt(3)");
        }
        return new StoredPassword(text, Credential.getCredential(text));
    }

    private static void require(Pattern form, String text, String expected) {
        if (!form.matcher(text).matches()) {
            throw new IllegalArgumentException("expected " + expected);
        }
    }

    /** A new bcrypt hash of {@code password}, with a fresh salt. */
    public static StoredPassword bcrypt(String password) {
        return parse(BCRYPT_PREFIX + BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST)));
    }

    /** Whether {@code given} is this password. */
    public boolean matches(String given) {
        return credential == null ? BCrypt.checkpw(given, text.substring(BCRYPT_PREFIX.length())) : credential.check(given);
    }

    /**
     * The password itself when the file holds it in a readable form (plain or {@code OBF:}), empty for a
     * hash. Kafka's SCRAM credentials are derived from the password, so only these users can become
     * Kafka users.
     */
    public Optional<String> plain() {
        return credential instanceof Password password ? Optional.of(password.toString()) : Optional.empty();
    }

    /** The form written in the users file. */
    public String text() {
        return text;
    }

    /** Never the password: this object may reach a log line. */
    @Override
    public String toString() {
        return plain().isPresent() ? "(plain password)" : text.substring(0, text.indexOf(':') + 1) + "(hash)";
    }
}
