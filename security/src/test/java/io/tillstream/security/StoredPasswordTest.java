package io.tillstream.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredPasswordTest {

    @Test
    void jettysHashedFormsMatchTheirPasswordOnly() {
        // md5sum of "secret", and libc's crypt("secret", "ab") (perl -e 'print crypt("secret","ab")')
        StoredPassword md5 = StoredPassword.parse("MD5:5ebe2294ecd0e0f08eab7690d2a6ee69");
        StoredPassword crypt = StoredPassword.parse("CRYPT:abNANd1rDfiNc");
        assertThat(md5.matches("secret")).isTrue();
        assertThat(md5.matches("Secret")).isFalse();
        assertThat(crypt.matches("secret")).isTrue();
        assertThat(crypt.matches("secreT")).isFalse();
        assertThat(md5.plain()).isEmpty();
        assertThat(crypt.plain()).isEmpty();
    }

    @Test
    void bcryptHashesFromOtherImplementationsAndOurOwnMatch() {
        // OpenBSD's bcrypt test vector for "abc" at cost 6
        StoredPassword known = StoredPassword.parse("BCRYPT:$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i");
        assertThat(known.matches("abc")).isTrue();
        assertThat(known.matches("abd")).isFalse();

        StoredPassword fresh = StoredPassword.bcrypt("pa:ss,word");
        assertThat(fresh.text()).startsWith("BCRYPT:$2a$10$");
        assertThat(fresh.matches("pa:ss,word")).isTrue();
        assertThat(fresh.matches("pa:ss,wore")).isFalse();
        assertThat(StoredPassword.bcrypt("pa:ss,word").text()).isNotEqualTo(fresh.text());
        assertThat(fresh.plain()).isEmpty();
    }

    @Test
    void plainAndObfuscatedPasswordsCanBeReadBackForScram() {
        assertThat(StoredPassword.parse("hunter2").plain()).hasValue("hunter2");
        // Jetty's OBF: form of "secret" (java org.eclipse.jetty.util.security.Password secret)
        StoredPassword obfuscated = StoredPassword.parse("OBF:1yta1t331v8w1v9q1t331ytc");
        assertThat(obfuscated.plain()).hasValue("secret");
        assertThat(obfuscated.matches("secret")).isTrue();
    }

    @Test
    void aBrokenHashIsRefusedNotTakenAsAPlainPassword() {
        assertThatThrownBy(() -> StoredPassword.parse("MD5:5ebe22")).hasMessage("expected MD5: followed by 32 hex digits");
        assertThatThrownBy(() -> StoredPassword.parse("CRYPT:$6$salt$abc"))
            .hasMessage("expected CRYPT: followed by the 13 characters of Unix crypt(3)");
        assertThatThrownBy(() -> StoredPassword.parse("BCRYPT:abc")).hasMessageStartingWith("expected BCRYPT: followed by");
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(StoredPassword.parse("hunter2")).hasToString("(plain password)");
        assertThat(StoredPassword.parse("MD5:5ebe2294ecd0e0f08eab7690d2a6ee69")).hasToString("MD5:(hash)");
    }
}
