package io.tillstream.serde.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The serde against its plain library in alternating blocks, for a shared machine: each round times a
 * block of calls of one side and then of the other (the order swapping every round), so a burst of
 * load from other processes lands on both sides alike, where JMH measures one benchmark after the
 * other. Reports, per pair, each side's median time per call and the median of the rounds' ratios
 * (plain time / serde time: 1 is as fast, above 1 faster). The calls are the JMH benchmarks' own
 * methods, on their own set-up state, so both measure the same work.
 *
 * <pre>
 *   AlternatingRounds protobuf|jsonschema [rounds] [calls per block]
 * </pre>
 * Run with {@code bench/serde/run-rounds.sh}.
 */
public final class AlternatingRounds {

    private static final double WARM_UP_SECONDS = 5;

    /**
     * Where each call's result goes. The calls go through one {@code Callable} call site for every
     * method, too many for the JIT to inline, so each result is computed in full wherever it goes.
     */
    private static Object last;

    private record Pair(String serde, Callable<Object> serdeCall, String plain, Callable<Object> plainCall) {
    }

    private AlternatingRounds() {
    }

    public static void main(String[] args) throws Exception {
        String format = args.length > 0 ? args[0] : "protobuf";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int block = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        List<Pair> pairs = new ArrayList<>();
        AutoCloseable state;
        switch (format) {
            case "protobuf" -> {
                ProtobufSerdeBenchmark b = new ProtobufSerdeBenchmark();
                b.setUp();
                pairs.add(new Pair("serialize", b::serialize, "protobufEncode", b::protobufEncode));
                pairs.add(new Pair("deserialize", b::deserialize, "protobufDecode", b::protobufDecode));
                pairs.add(new Pair("deserializeDynamic", b::deserializeDynamic, "protobufDecodeDynamic", b::protobufDecodeDynamic));
                state = b::tearDown;
            }
            case "jsonschema" -> {
                JsonSchemaSerdeBenchmark b = new JsonSchemaSerdeBenchmark();
                b.setUp();
                pairs.add(new Pair("serialize", b::serialize, "jacksonWrite", b::jacksonWrite));
                pairs.add(new Pair("deserialize", b::deserialize, "jacksonRead", b::jacksonRead));
                state = b::tearDown;
            }
            default -> throw new IllegalArgumentException("format " + format + ": expected protobuf or jsonschema");
        }
        try (state) {
            System.out.printf("%s: %d rounds of %,d calls a side%n", format, rounds, block);
            System.out.printf("%-20s %12s %-22s %12s %8s%n", "serde", "ns/call", "plain", "ns/call", "ratio");
            for (Pair pair : pairs) {
                measure(pair, rounds, block);
            }
        }
        // The embedded broker's threads are not daemons; its shutdown hook stops it.
        System.exit(0);
    }

    private static void measure(Pair pair, int rounds, int block) throws Exception {
        long warmUpEnd = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
        while (System.nanoTime() < warmUpEnd) {
            time(pair.serdeCall(), block);
            time(pair.plainCall(), block);
        }
        double[] serde = new double[rounds];
        double[] plain = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                serde[r] = time(pair.serdeCall(), block);
                plain[r] = time(pair.plainCall(), block);
            } else {
                plain[r] = time(pair.plainCall(), block);
                serde[r] = time(pair.serdeCall(), block);
            }
            ratios[r] = plain[r] / serde[r];
        }
        System.out.printf("%-20s %12.0f %-22s %12.0f %8.3f%n", pair.serde(), median(serde) / block, pair.plain(),
            median(plain) / block, median(ratios));
    }

    private static double time(Callable<Object> call, int calls) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            last = call.call();
        }
        return System.nanoTime() - start;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
