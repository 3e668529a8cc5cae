package io.tillstream.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The groupings the pipeline keeps running totals for. All of them share one state store, each
 * under its own key prefix ({@code mall|Kanyon}); each but the customers, who are too many to send
 * on every few milliseconds, also has its own compacted topic.
 */
public enum Breakdown {
    MALL("by_mall", EnrichedSale::getShoppingMall),
    CATEGORY("by_category", EnrichedSale::getCategory),
    PAYMENT_METHOD("by_payment_method", EnrichedSale::getPaymentMethod),
    /** By invoice date, the sale's event day, as an ISO date, so that keys sort by day. */
    DAY("by_day", EnrichedSale::getInvoiceDate),
    /** Queryable only: no topic. */
    CUSTOMER(null, EnrichedSale::getCustomerId);

    private static final List<Breakdown> WITH_TOPICS = Arrays.stream(values()).filter(Breakdown::hasTopic).toList();

    private final String topicSuffix;
    private final String prefix;
    private final Function<EnrichedSale, ?> group;

    Breakdown(String topicSuffix, Function<EnrichedSale, ?> group) {
        this.topicSuffix = topicSuffix;
        this.prefix = name().toLowerCase() + "|";
        this.group = group;
    }

    /** The breakdowns that have a compacted topic. */
    public static List<Breakdown> withTopics() {
        return WITH_TOPICS;
    }

    /** Whether this breakdown's totals also go to a compacted topic of their own. */
    public boolean hasTopic() {
        return topicSuffix != null;
    }

    String topicSuffix() {
        if (topicSuffix == null) {
            throw new IllegalStateException(this + " totals have no topic");
        }
        return topicSuffix;
    }

    /** The prefix of this breakdown's keys in the totals store. */
    public String prefix() {
        return prefix;
    }

    /** The store key of the group {@code sale} belongs to. */
    public String keyOf(EnrichedSale sale) {
        return prefix + group.apply(sale);
    }

    /** What names {@code sale}'s group (a label, a date): equal values, equal {@link #keyOf keys}. */
    public Object groupValue(EnrichedSale sale) {
        return group.apply(sale);
    }

    /** The store key of the group named {@code group}. */
    public String key(String group) {
        return prefix + group;
    }

    public boolean owns(String key) {
        return key.startsWith(prefix);
    }

    /** The group a store key names: {@code Kanyon} for {@code mall|Kanyon}. */
    public String groupOf(String key) {
        return key.substring(prefix.length());
    }
}
