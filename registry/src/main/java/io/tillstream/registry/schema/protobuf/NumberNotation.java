package io.tillstream.registry.schema.protobuf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers in option values as Confluent's normalized text writes them: plain decimal notation, at
 * most three decimals (rounded half to even), so {@code 0x10}, {@code 16} and {@code 1.6e1} read alike.
 */
final class NumberNotation {

    private static final Pattern HEX = Pattern.compile("([-+]?)0[xX]([0-9a-fA-F]+)");
    private static final Pattern OCTAL = Pattern.compile("([-+]?)0([0-7]+)");

    private NumberNotation() {
    }

    /** {@code written} in normalized notation; {@code inf}, {@code nan} and the like as they are. */
    static String normalized(String written) {
        DecimalFormat format = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
        try {
            return format.format(parse(written));
        } catch (NumberFormatException e) {
            return written;
        }
    }

    private static BigDecimal parse(String written) {
        Matcher hex = HEX.matcher(written);
        if (hex.matches()) {
            return signed(hex.group(1), new BigInteger(hex.group(2), 16));
        }
        Matcher octal = OCTAL.matcher(written);
        if (octal.matches()) {
            return signed(octal.group(1), new BigInteger(octal.group(2), 8));
        }
        return new BigDecimal(written);
    }

    private static BigDecimal signed(String sign, BigInteger magnitude) {
        return new BigDecimal(sign.equals("-") ? magnitude.negate() : magnitude);
    }
}
