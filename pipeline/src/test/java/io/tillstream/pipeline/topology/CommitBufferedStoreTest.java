package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Totals;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At a commit, Kafka Streams flushes each task's stores and then the thread's producer, task after task; the
 * first store flushed writes the buffers of every store of its thread, so that the producer flushes after the
 * first have nothing more to wait for.
 */
class CommitBufferedStoreTest {

    private static final Totals ONE_SALE = new Totals(1_050, 1, 1);

    @Test
    void flushingOneStoreWritesTheBuffersOfEveryStoreOfItsThreadAndNoOtherThreads() throws Exception {
        TotalsStore<Totals> first = open("first");
        TotalsStore<Totals> second = open("second");
        TotalsStore<Totals> elsewhere = openOnAnotherThread("elsewhere");
        try {
            first.put("mall|Kanyon", ONE_SALE);
            second.put("mall|Kanyon", ONE_SALE);
            elsewhere.put("mall|Kanyon", ONE_SALE);
            assertThat(second.logged.get("mall|Kanyon")).as("buffered until a flush").isNull();

            first.flushCache();

            assertThat(first.logged.get("mall|Kanyon")).isEqualTo(ONE_SALE);
            assertThat(second.logged.get("mall|Kanyon")).as("the other store of this thread").isEqualTo(ONE_SALE);
            assertThat(elsewhere.logged.get("mall|Kanyon")).as("a store of another thread").isNull();
        } finally {
            first.close();
            second.close();
            elsewhere.close();
        }
    }

    private static TotalsStore<Totals> open(String name) {
        TotalsStore<Totals> store = TotalsStore.builder(name, TotalsSerdes.totals()).withLoggingDisabled().build();
        StateStoreContext context = new MockProcessorContext<>().getStateStoreContext();
        store.init(context, store);
        return store;
    }

    private static TotalsStore<Totals> openOnAnotherThread(String name) throws InterruptedException {
        List<TotalsStore<Totals>> store = new ArrayList<>();
        Thread thread = new Thread(() -> store.add(open(name)));
        thread.start();
        thread.join();
        return store.get(0);
    }
}
