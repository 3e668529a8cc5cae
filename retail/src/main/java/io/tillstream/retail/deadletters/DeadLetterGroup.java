package io.tillstream.retail.deadletters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The dead letters of one error class and reason (its pattern: partition and offset numbers left out), with when the
 * first and the last of them were written (their record timestamps) and how many of them were redriven already.
 */
public record DeadLetterGroup(String id, String errorClass, String reason, long count, long firstSeen, long lastSeen,
                              long redriven) {

    /** A short name that stays the same from run to run, so a script can name a group the list printed. */
    static String idOf(String errorClass, String reasonPattern) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((errorClass + "\n" + reasonPattern).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    DeadLetterGroup add(DeadLetter letter, boolean marked) {
        return new DeadLetterGroup(id, errorClass, reason, count + 1, Math.min(firstSeen, letter.timestamp()),
            Math.max(lastSeen, letter.timestamp()), redriven + (marked ? 1 : 0));
    }

    static DeadLetterGroup first(DeadLetter letter, boolean marked) {
        return new DeadLetterGroup(letter.groupId(), letter.errorClass(), letter.reasonPattern(), 1, letter.timestamp(),
            letter.timestamp(), marked ? 1 : 0);
    }
}
