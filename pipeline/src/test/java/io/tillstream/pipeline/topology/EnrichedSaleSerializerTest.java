package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.EnrichedSale;
import io.tillstream.registry.testing.KafkaWithRegistry;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.SpecificAvroSerde;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The serializer's bytes against the Avro serializer's for the same enriched sale, which is all it promises. */
class EnrichedSaleSerializerTest {

    private static final KafkaWithRegistry PLATFORM = KafkaWithRegistry.shared();

    private final Map<String, String> settings = Map.of("schema.registry.url", PLATFORM.registryUrl());
    private final SchemaRegistryClient registry = new CachedSchemaRegistryClient(settings);
    private final String topic = KafkaWithRegistry.unique("enriched");

    @Test
    void fiftyThousandEnrichedSalesAreWrittenByteForByteAsTheAvroSerializerWritesThem() {
        Serializer<EnrichedSale> avro = avro();
        EnrichedSaleSerializer serializer = new EnrichedSaleSerializer(avro(), registry);
        SyntheticSales sales = new SyntheticSales(29, 5_000, Clock.systemUTC());
        for (int i = 0; i < 50_000; i++) {
            EnrichedSale sale = enriched(sales.next());
            assertThat(serializer.serialize(topic, sale)).as("sale %d: %s", i, sale).isEqualTo(avro.serialize(topic, sale));
        }
    }

    @Test
    void extremesNonAsciiTextAndPricesAvroWouldRescaleComeOutAsTheAvroSerializerWritesThem() {
        Serializer<EnrichedSale> avro = avro();
        EnrichedSaleSerializer serializer = new EnrichedSaleSerializer(avro(), registry);
        List<Consumer<EnrichedSale>> cases = List.of(
            sale -> sale.setShoppingMall("\u0130stinye Park"),
            sale -> sale.setAgeGroup("65+ \u20ac"),
            sale -> sale.setPrice(new BigDecimal("-9999999999.99")),
            sale -> sale.setUnitPrice(new BigDecimal("0.00")),
            sale -> sale.setPrice(new BigDecimal("10.5")),
            sale -> sale.setInvoiceDate(LocalDate.ofEpochDay(-1)),
            sale -> sale.setEventTime(Instant.ofEpochMilli(Long.MIN_VALUE)),
            sale -> sale.setAge(Integer.MIN_VALUE));
        for (Consumer<EnrichedSale> change : cases) {
            EnrichedSale sale = enriched(new SyntheticSales(1, 10, Clock.systemUTC()).next());
            serializer.serialize(topic, sale);
            change.accept(sale);
            assertThat(serializer.serialize(topic, sale)).as("%s", sale).isEqualTo(avro.serialize(topic, sale));
        }
    }

    private Serializer<EnrichedSale> avro() {
        SpecificAvroSerde<EnrichedSale> serde = new SpecificAvroSerde<>(registry);
        serde.configure(settings, false);
        return serde.serializer();
    }

    private static EnrichedSale enriched(Sale sale) {
        return Enrichment.enrich(sale, sale.getEventTime());
    }
}
