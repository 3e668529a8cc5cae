package io.tillstream.pipeline.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The graph as the API writes it and as another instance reads it back to add up the rates. */
class TopologyGraphJsonTest {

    private static TopologyDescription filterAndCopy() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("read"))
            .filter((key, value) -> value != null, Named.as("non-null"))
            .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("write"));
        return builder.build().describe();
    }

    @Test
    void theGraphIsWrittenInTheApisNamesAndReadBackUnchanged() throws IOException {
        TopologyGraph graph = TopologyGraph.of(filterAndCopy(), Map.of("read", 12.5, "write", 10.0), true);

        JsonNode json = new ObjectMapper().readTree(Json.bytes(graph));

        assertThat(json.get("measured").asBoolean()).isTrue();
        assertThat(json.get("nodes")).hasSize(3);
        JsonNode read = json.get("nodes").get(0);
        assertThat(read.get("id").asText()).isEqualTo("read");
        assertThat(read.get("kind").asText()).isEqualTo("source");
        assertThat(read.get("topics").get(0).asText()).isEqualTo("in");
        assertThat(read.get("records_per_second").asDouble()).isEqualTo(12.5);
        assertThat(read.get("rate_basis").asText()).isEqualTo(TopologyGraph.CONSUMED);
        JsonNode filter = json.get("nodes").get(1);
        assertThat(filter.get("records_per_second").asDouble()).as("fed by the source alone").isEqualTo(12.5);
        assertThat(json.get("nodes").get(2).get("topics").get(0).asText()).isEqualTo("out");
        assertThat(json.get("edges")).hasSize(2);
        assertThat(Json.read(Json.bytes(graph), TopologyGraph.class)).isEqualTo(graph);
        assertThat(TopologyGraph.sum(filterAndCopy(), List.of(graph, Json.read(Json.bytes(graph), TopologyGraph.class)))
            .nodes().get(2).recordsPerSecond()).isEqualTo(20.0);
    }
}
