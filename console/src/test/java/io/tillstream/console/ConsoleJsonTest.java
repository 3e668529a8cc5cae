package io.tillstream.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each variant of the console's JSON setup does what it is for, and none of it reaches the base mapper. */
class ConsoleJsonTest {

    record Body(String name) {
    }

    @Test
    void typedJsonKeepsItsDecimalsAndRefusesTextAfterTheValue() throws JsonProcessingException {
        assertThat(ConsoleJson.typed().readTree("{\"price\": 1500.40}").toString()).isEqualTo("{\"price\":1500.40}");
        assertThatThrownBy(() -> ConsoleJson.typed().readTree("{\"price\": 1500.40} 2"))
            .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void theExportWritesDecimalsPlain() throws JsonProcessingException {
        assertThat(ConsoleJson.export().writeValueAsString(new BigDecimal("1.5E+3"))).isEqualTo("1500");
    }

    @Test
    void theBaseIgnoresUnknownRequestFieldsAndKeepsJacksonsDefaultsOtherwise() throws JsonProcessingException {
        assertThat(ConsoleJson.mapper().readValue("{\"name\": \"a\", \"added\": 1}", Body.class)).isEqualTo(new Body("a"));
        assertThat(ConsoleJson.mapper().readTree("1500.40").toString()).isEqualTo("1500.4");
        assertThat(ConsoleJson.mapper().readTree("1 2").toString()).isEqualTo("1");
        assertThat(ConsoleJson.mapper().writeValueAsString(new BigDecimal("1.5E+3"))).isEqualTo("1.5E+3");
    }
}
