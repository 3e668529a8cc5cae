package io.tillstream.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON Schema variant of the registry's JSON setup does what it is for, and none of it reaches the base mapper. */
class RegistryJsonTest {

    record Body(String schema) {
    }

    @Test
    void schemaTextKeepsItsDecimalsAndRefusesTextAfterTheValue() throws JsonProcessingException {
        assertThat(RegistryJson.exactDecimals().readTree("{\"multipleOf\": 1.50}").toString())
            .isEqualTo("{\"multipleOf\":1.50}");
        assertThatThrownBy(() -> RegistryJson.exactDecimals().readTree("{} 2")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void theBaseIgnoresUnknownRequestFieldsAndKeepsJacksonsDefaultsOtherwise() throws JsonProcessingException {
        assertThat(RegistryJson.mapper().readValue("{\"schema\": \"a\", \"added\": 1}", Body.class))
            .isEqualTo(new Body("a"));
        assertThat(RegistryJson.mapper().readTree("1.50").toString()).isEqualTo("1.5");
        assertThat(RegistryJson.mapper().readTree("1 2").toString()).isEqualTo("1");
    }
}
