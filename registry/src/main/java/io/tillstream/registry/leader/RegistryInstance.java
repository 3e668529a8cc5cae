package io.tillstream.registry.leader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillstream.registry.RegistryJson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One registry instance as the others know it: the URL they forward writes to, and whether it may
 * lead ({@code leader.eligibility}). Travels in the election group's join and assignment data.
 */
public record RegistryInstance(String url, boolean leaderEligible) {

    private static final ObjectMapper MAPPER = RegistryJson.mapper();

    ByteBuffer toBytes(boolean leadsNow) {
        return ByteBuffer.wrap(MAPPER.createObjectNode().put("url", url).put("eligible", leaderEligible)
            .put("leads", leadsNow).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An instance as another one described it, with whether it said it leads now; empty for no data. */
    static Optional<Described> fromBytes(ByteBuffer bytes) {
        if (bytes == null || !bytes.hasRemaining()) {
            return Optional.empty();
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        try {
            JsonNode node = MAPPER.readTree(copy);
            return Optional.of(new Described(new RegistryInstance(node.path("url").asText(),
                node.path("eligible").asBoolean(false)), node.path("leads").asBoolean(false)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    record Described(RegistryInstance instance, boolean leads) {
    }
}
