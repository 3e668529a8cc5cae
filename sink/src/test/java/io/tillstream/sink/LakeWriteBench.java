package io.tillstream.sink;

import io.tillstream.retail.Sale;
import io.tillstream.retail.lake.LakeFileName;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * bench/sink/write.sh: the CPU time of writing one partition's batch of sales (their Avro datums,
 * spread over {@code days} day files) as the sink writes a flat record, straight from the datums
 * ({@link DatumFileWriter}), against decoding them into records for parquet-avro's writer, on the
 * same datums, alternately, in one JVM. Thread CPU time, so that neighbours on a shared machine move
 * it less than the wall clock.
 *
 * <p>{@code LakeWriteBench [sales] [days] [rounds]}, defaults 500000 100 5.
 */
public final class LakeWriteBench {

    private static final Schema SALE = Sale.getClassSchema();
    private static final List<String> PLAIN = List.of("invoice_no", "customer_id");
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws IOException {
        int sales = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        byte[][] datums = new byte[days][];
        int[] counts = new int[days];
        encode(sales, days, datums, counts);
        Path dir = Files.createTempDirectory("lake-write-bench");
        try {
            System.out.printf("%d sales over %d day files, zstd; CPU microseconds per sale:%n", sales, days);
            for (int round = 1; round <= rounds; round++) {
                double direct = perSale(sales, () -> writeDirect(dir, datums, counts));
                double avro = perSale(sales, () -> writeParquetAvro(dir, datums, counts));
                System.out.printf("round %d: from the datums %.2f, decoded for parquet-avro %.2f (%.2f)%n", round, direct,
                    avro, direct / avro);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private interface Run {
        void run() throws IOException;
    }

    private static double perSale(int sales, Run run) throws IOException {
        long start = CPU.getCurrentThreadCpuTime();
        run.run();
        return (CPU.getCurrentThreadCpuTime() - start) / 1000.0 / sales;
    }

    private static void writeDirect(Path dir, byte[][] datums, int[] counts) throws IOException {
        LakeFile.Format format = LakeFile.Format.of(SALE, Compression.ZSTD, new LakeFile.FileSettings(128 << 20, PLAIN));
        for (int day = 0; day < datums.length; day++) {
            LakeFile file = LakeFile.open(dir, new LakeFileName("sales", 0, day, "zstd"), RollToken.next(), format);
            file.write(datums[day], counts[day]);
            Files.delete(file.seal().temp());
        }
    }

    private static void writeParquetAvro(Path dir, byte[][] datums, int[] counts) throws IOException {
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(SALE, SALE, GenericData.get());
        for (int day = 0; day < datums.length; day++) {
            Path path = dir.resolve("avro-" + day + ".parquet");
            AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(path))
                .withConf(new PlainParquetConfiguration()).withSchema(SALE).withDataModel(GenericData.get())
                .withCodecFactory(new PageCodecs()).withCompressionCodec(Compression.ZSTD.codec())
                .withRowGroupSize(128L << 20).withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
            PLAIN.forEach(column -> builder.withDictionaryEncoding(column, false));
            try (ParquetWriter<GenericRecord> writer = builder.build()) {
                BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(datums[day], null);
                GenericRecord record = null;
                for (int i = 0; i < counts[day]; i++) {
                    record = reader.read(record, decoder);
                    writer.write(record);
                }
            }
            Files.delete(path);
        }
    }

    /** Sales as bench/sink/run.sh makes them: random categories, malls, payment methods and days. */
    private static void encode(int sales, int days, byte[][] datums, int[] counts) throws IOException {
        String[] categories = {"Clothing", "Cosmetics", "Food & Beverage", "Toys", "Shoes", "Souvenir", "Technology", "Books"};
        String[] malls = {"Kanyon", "Forum Istanbul", "Metrocity", "Metropol AVM", "Istinye Park", "Mall of Istanbul"};
        String[] payments = {"Cash", "Credit Card", "Debit Card"};
        Random random = new Random(7);
        ByteArrayOutputStream[] out = new ByteArrayOutputStream[days];
        BinaryEncoder[] encoders = new BinaryEncoder[days];
        for (int day = 0; day < days; day++) {
            out[day] = new ByteArrayOutputStream();
            encoders[day] = EncoderFactory.get().binaryEncoder(out[day], null);
        }
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(SALE);
        for (int i = 0; i < sales; i++) {
            int day = random.nextInt(days);
            int quantity = 1 + random.nextInt(5);
            GenericRecord sale = new GenericData.Record(SALE);
            sale.put("invoice_no", "I" + (100_000 + i));
            sale.put("customer_id", "C" + (100_000 + random.nextInt(800_000)));
            sale.put("gender", random.nextBoolean() ? "Female" : "Male");
            sale.put("age", 18 + random.nextInt(52));
            sale.put("category", categories[random.nextInt(categories.length)]);
            sale.put("quantity", quantity);
            sale.put("price", ByteBuffer.wrap(BigDecimal.valueOf(quantity * 3008L, 2).unscaledValue().toByteArray()));
            sale.put("payment_method", payments[random.nextInt(payments.length)]);
            sale.put("invoice_date", 18_993 + day);
            sale.put("shopping_mall", malls[random.nextInt(malls.length)]);
            sale.put("event_time", 1_640_995_200_000L + i);
            writer.write(sale, encoders[day]);
            counts[day]++;
        }
        for (int day = 0; day < days; day++) {
            encoders[day].flush();
            datums[day] = out[day].toByteArray();
        }
    }
}
