package io.tillstream.sink;

import io.tillstream.retail.lake.DayPartition;
import org.apache.avro.Schema;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a record's day directory by walking its Avro datum as the binary encoding lays it out, without
 * building a {@code GenericRecord}: every value is stepped over, its length, union branch or enum symbol
 * checked against the bytes and the schema, and the day fields are read on the way, as
 * {@link DayPartition#of(org.apache.avro.generic.GenericRecord)} takes them from a decoded record
 * ({@code invoice_year}/{@code invoice_month}/{@code invoice_day} when all three are ints, else
 * {@code invoice_date}'s days). The sink decoded every record into a {@code GenericRecord} only to
 * check it and route it, about half of a writer thread's time; the datum itself is what it keeps.
 */
final class DatumDays {

    /** A day field whose value is not an int (a null, another union branch). */
    private static final long ABSENT = Long.MIN_VALUE;
    private static final int YEAR = 0;
    private static final int MONTH = 1;
    private static final int DAY = 2;
    private static final int DATE = 3;
    private static final int OTHER = -1;
    /** Avro's own limit on a collection's length, which its reader enforces too. */
    private static final long MAX_ITEMS = Integer.MAX_VALUE - 8;

    private final Value[] fields;
    /** Per field, which day field it is ({@link #YEAR} to {@link #DATE}) or {@link #OTHER}. */
    private final int[] roles;

    private DatumDays(Value[] fields, int[] roles) {
        this.fields = fields;
        this.roles = roles;
    }

    /**
     * For a record schema with day fields; empty for any other, and for a recursive schema, whose datums
     * are left to Avro's reader.
     */
    static Optional<DatumDays> of(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            return Optional.empty();
        }
        Value[] fields = fields(schema, new HashSet<>());
        if (fields == null) {
            return Optional.empty();
        }
        List<Schema.Field> declared = schema.getFields();
        int[] roles = new int[declared.size()];
        boolean dated = false;
        for (int i = 0; i < fields.length; i++) {
            roles[i] = switch (declared.get(i).name()) {
                case DayPartition.YEAR -> YEAR;
                case DayPartition.MONTH -> MONTH;
                case DayPartition.DAY -> DAY;
                case DayPartition.DATE -> DATE;
                default -> OTHER;
            };
            dated |= roles[i] != OTHER;
        }
        return dated ? Optional.of(new DatumDays(fields, roles)) : Optional.empty();
    }

    /**
     * The day of the datum in {@code value} from {@code from} on, or null when its day fields hold none
     * (nulls, or values of another type).
     *
     * @throws RuntimeException when the bytes are not a datum of the schema (truncated, a branch or symbol
     *                          the schema does not have, a negative length)
     */
    DayPartition day(byte[] value, int from) {
        AvroDatums in = new AvroDatums(value, from);
        long year = ABSENT;
        long month = ABSENT;
        long day = ABSENT;
        long date = ABSENT;
        for (int i = 0; i < fields.length; i++) {
            switch (roles[i]) {
                case YEAR -> year = fields[i].readInt(in);
                case MONTH -> month = fields[i].readInt(in);
                case DAY -> day = fields[i].readInt(in);
                case DATE -> date = fields[i].readInt(in);
                default -> fields[i].skip(in);
            }
        }
        if (year != ABSENT && month != ABSENT && day != ABSENT) {
            return new DayPartition((int) year, (int) month, (int) day);
        }
        return date == ABSENT ? null : DayPartition.of(LocalDate.ofEpochDay(date));
    }

    /** One value of a schema in the binary encoding. */
    private interface Value {

        void skip(AvroDatums in);

        /** Reads an int value, or skips the value and answers {@link #ABSENT} if it is of another type. */
        default long readInt(AvroDatums in) {
            skip(in);
            return ABSENT;
        }
    }

    private static Optional<Value> value(Schema schema, Set<String> enclosing) {
        Value value = switch (schema.getType()) {
            case NULL -> in -> { };
            case BOOLEAN -> in -> in.skip(1);
            case INT -> new Value() {
                @Override
                public void skip(AvroDatums in) {
                    in.readLong();
                }

                @Override
                public long readInt(AvroDatums in) {
                    return in.readInt();
                }
            };
            case LONG -> AvroDatums::readLong;
            case FLOAT -> in -> in.skip(Float.BYTES);
            case DOUBLE -> in -> in.skip(Double.BYTES);
            case STRING, BYTES -> in -> in.skip(in.readLong());
            case FIXED -> {
                int size = schema.getFixedSize();
                yield in -> in.skip(size);
            }
            case ENUM -> {
                int symbols = schema.getEnumSymbols().size();
                yield in -> index(in, symbols);
            }
            case ARRAY -> value(schema.getElementType(), enclosing).map(DatumDays::blocks).orElse(null);
            case MAP -> value(schema.getValueType(), enclosing)
                .<Value>map(entry -> blocks(in -> {
                    in.skip(in.readLong());
                    entry.skip(in);
                }))
                .orElse(null);
            case UNION -> union(schema, enclosing);
            case RECORD -> record(schema, enclosing);
        };
        return Optional.ofNullable(value);
    }

    private static Value union(Schema schema, Set<String> enclosing) {
        List<Value> branches = new ArrayList<>();
        for (Schema branch : schema.getTypes()) {
            Optional<Value> value = value(branch, enclosing);
            if (value.isEmpty()) {
                return null;
            }
            branches.add(value.get());
        }
        Value[] values = branches.toArray(Value[]::new);
        return new Value() {
            @Override
            public void skip(AvroDatums in) {
                values[index(in, values.length)].skip(in);
            }

            @Override
            public long readInt(AvroDatums in) {
                return values[index(in, values.length)].readInt(in);
            }
        };
    }

    private static Value record(Schema schema, Set<String> enclosing) {
        Value[] values = fields(schema, enclosing);
        if (values == null) {
            return null;
        }
        return in -> {
            for (Value field : values) {
                field.skip(in);
            }
        };
    }

    /**
     * A record's fields in their order; null when one cannot be walked, and for a record within itself
     * ({@code enclosing} names the records around it).
     */
    private static Value[] fields(Schema schema, Set<String> enclosing) {
        if (!enclosing.add(schema.getFullName())) {
            return null;
        }
        List<Value> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            Optional<Value> value = value(field.schema(), enclosing);
            if (value.isEmpty()) {
                return null;
            }
            fields.add(value.get());
        }
        enclosing.remove(schema.getFullName());
        return fields.toArray(Value[]::new);
    }

    /** An array's or a map's blocks: a count, and a byte size first when the count is negative; a zero count ends them. */
    private static Value blocks(Value item) {
        return in -> {
            for (long count = in.readLong(); count != 0; count = in.readLong()) {
                if (count < 0) {
                    count = -count;
                    in.readLong();
                }
                if (count > MAX_ITEMS) {
                    throw new IllegalArgumentException(count + " items in one block");
                }
                for (long i = 0; i < count; i++) {
                    item.skip(in);
                }
            }
        };
    }

    private static int index(AvroDatums in, int size) {
        long index = in.readLong();
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " of " + size);
        }
        return (int) index;
    }
}
