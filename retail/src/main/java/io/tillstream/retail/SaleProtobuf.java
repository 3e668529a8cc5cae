package io.tillstream.retail;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * A sale as the Protobuf message of {@code sale.proto}: written as a {@link DynamicMessage} of the
 * descriptor protoc compiled at build time (no generated classes, so google.type's stay out of the
 * jar), and read by field name from any message that has the sale's fields, whatever schema wrote it.
 * The price is a google.type.Money in lira and the invoice date a google.type.Date.
 */
public final class SaleProtobuf {

    /** What a price's Money says its currency is; the dataset's prices are Turkish lira. */
    public static final String CURRENCY = "TRY";

    /** The {@code io.tillstream.retail.Sale} message of the shipped {@code sale.proto}. */
    public static final Descriptor SALE = load().findMessageTypeByName("Sale");

    private static final int NANOS_PER_UNIT_DIGITS = 9;

    private SaleProtobuf() {
    }

    public static DynamicMessage toMessage(Sale sale) {
        BigDecimal price = sale.getPrice();
        BigDecimal units = new BigDecimal(price.toBigInteger());
        Descriptor money = SALE.findFieldByName("price").getMessageType();
        Descriptor date = SALE.findFieldByName("invoice_date").getMessageType();
        Descriptor timestamp = SALE.findFieldByName("event_time").getMessageType();
        LocalDate day = sale.getInvoiceDate();
        Instant eventTime = sale.getEventTime();
        return DynamicMessage.newBuilder(SALE)
            .setField(field("invoice_no"), sale.getInvoiceNo())
            .setField(field("customer_id"), sale.getCustomerId())
            .setField(field("gender"), sale.getGender())
            .setField(field("age"), sale.getAge())
            .setField(field("category"), sale.getCategory())
            .setField(field("quantity"), sale.getQuantity())
            .setField(field("price"), DynamicMessage.newBuilder(money)
                .setField(money.findFieldByName("currency_code"), CURRENCY)
                .setField(money.findFieldByName("units"), units.longValueExact())
                // Money's nanos carry the fraction with the units' sign, as google.type.Money requires.
                .setField(money.findFieldByName("nanos"), price.subtract(units).movePointRight(NANOS_PER_UNIT_DIGITS).intValueExact())
                .build())
            .setField(field("payment_method"), sale.getPaymentMethod())
            .setField(field("invoice_date"), DynamicMessage.newBuilder(date)
                .setField(date.findFieldByName("year"), day.getYear())
                .setField(date.findFieldByName("month"), day.getMonthValue())
                .setField(date.findFieldByName("day"), day.getDayOfMonth())
                .build())
            .setField(field("shopping_mall"), sale.getShoppingMall())
            .setField(field("event_time"), DynamicMessage.newBuilder(timestamp)
                .setField(timestamp.findFieldByName("seconds"), eventTime.getEpochSecond())
                .setField(timestamp.findFieldByName("nanos"), eventTime.getNano())
                .build())
            .build();
    }

    /**
     * The sale in {@code message}, its fields as written (whether they obey the sale's rules is
     * {@link SaleRules}' question); an absent event_time reads as the epoch, as in the other formats.
     *
     * @throws ProducerJson.MalformedSaleException if a field is missing or not of its kind, the price is not
     *                                             lira to the cent, or the date is not a day of the calendar
     */
    public static Sale fromMessage(Message message) {
        Message price = message(message, "price");
        String currency = (String) value(price, "currency_code", FieldDescriptor.JavaType.STRING);
        if (!currency.isEmpty() && !currency.equals(CURRENCY)) {
            throw new ProducerJson.MalformedSaleException("price is in " + currency + ", not " + CURRENCY);
        }
        BigDecimal amount = BigDecimal.valueOf((Long) value(price, "units", FieldDescriptor.JavaType.LONG))
            .add(BigDecimal.valueOf((Integer) value(price, "nanos", FieldDescriptor.JavaType.INT), NANOS_PER_UNIT_DIGITS));
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new ProducerJson.MalformedSaleException("price " + amount.toPlainString() + " has more than two decimals");
        }
        Message day = message(message, "invoice_date");
        LocalDate invoiceDate;
        try {
            invoiceDate = LocalDate.of((Integer) value(day, "year", FieldDescriptor.JavaType.INT),
                (Integer) value(day, "month", FieldDescriptor.JavaType.INT), (Integer) value(day, "day", FieldDescriptor.JavaType.INT));
        } catch (DateTimeException e) {
            throw new ProducerJson.MalformedSaleException("field invoice_date is not a date: " + e.getMessage());
        }
        Instant eventTime = Instant.EPOCH;
        FieldDescriptor eventField = message.getDescriptorForType().findFieldByName("event_time");
        if (eventField != null && message.hasField(eventField)) {
            Message time = message(message, "event_time");
            eventTime = Instant.ofEpochSecond((Long) value(time, "seconds", FieldDescriptor.JavaType.LONG),
                (Integer) value(time, "nanos", FieldDescriptor.JavaType.INT));
        }
        return Sale.newBuilder()
            .setInvoiceNo(text(message, "invoice_no"))
            .setCustomerId(text(message, "customer_id"))
            .setGender(text(message, "gender"))
            .setAge((Integer) value(message, "age", FieldDescriptor.JavaType.INT))
            .setCategory(text(message, "category"))
            .setQuantity((Integer) value(message, "quantity", FieldDescriptor.JavaType.INT))
            .setPrice(amount.setScale(2))
            .setPaymentMethod(text(message, "payment_method"))
            .setInvoiceDate(invoiceDate)
            .setShoppingMall(text(message, "shopping_mall"))
            .setEventTime(eventTime)
            .build();
    }

    private static FieldDescriptor field(String name) {
        return SALE.findFieldByName(name);
    }

    private static String text(Message message, String name) {
        return (String) value(message, name, FieldDescriptor.JavaType.STRING);
    }

    private static Message message(Message message, String name) {
        return (Message) value(message, name, FieldDescriptor.JavaType.MESSAGE);
    }

    /** A singular field's value, its default when unset, as Protobuf reads it; the field must exist and be of {@code kind}. */
    private static Object value(Message message, String name, FieldDescriptor.JavaType kind) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        if (field == null || field.isRepeated() || field.getJavaType() != kind) {
            throw new ProducerJson.MalformedSaleException("message " + message.getDescriptorForType().getFullName()
                + " has no field " + name + " of type " + kind.name().toLowerCase());
        }
        return message.getField(field);
    }

    /** sale.proto and the files it imports, which protoc wrote in dependency order. */
    private static FileDescriptor load() {
        try (InputStream in = SaleProtobuf.class.getResourceAsStream("sale.desc")) {
            if (in == null) {
                throw new IllegalStateException("sale.desc is missing from the classpath: the build compiles it from sale.proto");
            }
            Map<String, FileDescriptor> built = new HashMap<>();
            for (FileDescriptorProto file : FileDescriptorSet.parseFrom(in).getFileList()) {
                FileDescriptor[] imports = file.getDependencyList().stream().map(built::get).toArray(FileDescriptor[]::new);
                built.put(file.getName(), FileDescriptor.buildFrom(file, imports));
            }
            return built.get("sale.proto");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sale.desc", e);
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("sale.desc does not build: " + e.getMessage(), e);
        }
    }
}
