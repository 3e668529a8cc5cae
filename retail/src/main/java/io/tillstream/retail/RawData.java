package io.tillstream.retail;

/**
 * The topic sales arrive in: the original Python producer's, and the one every Tillstream command reads or
 * writes unless told otherwise ({@code up} creates it, {@code generate} fills it, {@code process} reads it).
 */
public final class RawData {

    public static final String TOPIC = "raw_data";

    private RawData() {
    }
}
