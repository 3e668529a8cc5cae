package io.tillstream.console.messages;

import io.tillstream.console.http.ConsoleException;
import io.tillstream.console.http.Errors;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrowseSlotsTest {

    @Test
    void aBrowseBeyondTheLimitIsRefusedWith429AndTheSlotIsFreedAfterwards() throws Exception {
        BrowseSlots slots = new BrowseSlots(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> slots.run(() -> {
            started.countDown();
            await(release);
            return "first";
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> slots.run(() -> "second")).isInstanceOfSatisfying(TooManyBrowsesException.class, e -> {
            ConsoleException answer = Errors.translate(e);
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.code()).isEqualTo("too_many_browses");
            assertThat(answer.getMessage()).contains("messages.max.concurrent.browses");
        });
        release.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(slots.run(() -> "third")).isEqualTo("third");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
