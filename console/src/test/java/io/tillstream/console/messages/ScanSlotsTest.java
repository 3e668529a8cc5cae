package io.tillstream.console.messages;

import io.tillstream.console.http.ConsoleException;
import io.tillstream.console.http.Errors;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanSlotsTest {

    @Test
    void withoutAWaitOneReadTooManyIsRefusedAtOnceWith429NamingTheSetting() {
        ScanSlots slots = new ScanSlots(1, Duration.ZERO, "1 search is already running (messages.max.concurrent.scans)");
        try (ScanSlots.Slot first = slots.take()) {
            assertThatThrownBy(slots::take).isInstanceOfSatisfying(TooManyScansException.class, e -> {
                ConsoleException answer = Errors.translate(e);
                assertThat(answer.status()).isEqualTo(429);
                assertThat(answer.code()).isEqualTo("too_many_scans");
                assertThat(answer.getMessage()).contains("messages.max.concurrent.scans");
            });
        }
        slots.take().close();
    }

    @Test
    void withAWaitAReadPastTheBoundGetsTheSlotFreedMeanwhileAndIsRefusedOnlyWhenNoneFrees() throws Exception {
        ScanSlots slots = new ScanSlots(1, Duration.ofSeconds(10), "refused");
        ScanSlots.Slot first = slots.take();
        CompletableFuture<ScanSlots.Slot> waiting = CompletableFuture.supplyAsync(slots::take);
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        first.close();
        ScanSlots.Slot second = waiting.get(10, TimeUnit.SECONDS);

        ScanSlots brief = new ScanSlots(1, Duration.ofMillis(100), "no read finished in time");
        try (ScanSlots.Slot held = brief.take()) {
            assertThatThrownBy(brief::take).isInstanceOf(TooManyScansException.class).hasMessage("no read finished in time");
        }
        second.close();
    }
}
