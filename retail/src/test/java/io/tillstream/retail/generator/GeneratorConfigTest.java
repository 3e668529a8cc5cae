package io.tillstream.retail.generator;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorConfigTest {

    @Test
    void theDefaultsAreTenSyntheticAvroSalesASecondToRawData() {
        GeneratorConfig config = new GeneratorConfig(Map.of());

        assertThat(config.topic()).isEqualTo("raw_data");
        assertThat(config.isCsv()).isFalse();
        assertThat(config.rate()).isEqualTo(10);
        assertThat(config.key()).isEqualTo(SaleKey.INVOICE_NO);
        assertThat(config.format()).isEqualTo(GeneratorConfig.FORMAT_AVRO);
        assertThat(config.compression()).isEqualTo("lz4");
        assertThat(config.customers()).isEqualTo(10_000);
        assertThat(config.timeout().toSeconds()).isEqualTo(30);
        assertThat(config.count()).isEmpty();
        assertThat(config.seed()).isEmpty();
    }

    @Test
    void maxAndZeroMeanUnthrottled() {
        assertThat(new GeneratorConfig(Map.of("rate", "max")).rate()).isZero();
        assertThat(new GeneratorConfig(Map.of("rate", "0")).rate()).isZero();
        assertThat(new GeneratorConfig(Map.of("rate", "2.5")).rate()).isEqualTo(2.5);
    }

    @Test
    void badValuesAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new GeneratorConfig(Map.of("rate", "fast"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("rate").hasMessageContaining("max");
        assertThatThrownBy(() -> new GeneratorConfig(Map.of("rate", "-1"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new GeneratorConfig(Map.of("count", 0))).hasMessageContaining("count");
        assertThatThrownBy(() -> new GeneratorConfig(Map.of("key", "age"))).hasMessageContaining("key");
        assertThatThrownBy(() -> new GeneratorConfig(Map.of("format", "xml"))).hasMessageContaining("format");
        assertThatThrownBy(() -> new GeneratorConfig(Map.of("compression", "brotli"))).hasMessageContaining("compression");
    }

    @Test
    void aCsvSourceNeedsAFileAndOnlyAFileCanBeReplayedBySpeedup() {
        assertThatThrownBy(() -> new GeneratorConfig(Map.of("source", "csv"))).hasMessageContaining("file");
        assertThatThrownBy(() -> new GeneratorConfig(Map.of("speedup", 10.0))).hasMessageContaining("csv");
        assertThatThrownBy(() -> new GeneratorConfig(Map.of("source", "csv", "file", "x.csv", "speedup", 0.0)))
            .hasMessageContaining("speedup");
    }
}
