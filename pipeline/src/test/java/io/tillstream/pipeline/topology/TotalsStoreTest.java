package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Totals;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The totals store keeps each group's latest value in memory and hands the changed ones to the store below (and
 * its changelog) at each commit: what goes down must be every group changed since the last commit, with its last
 * value, and what other threads query must be the latest values, committed or not.
 */
class TotalsStoreTest {

    private static final Totals ONE_SALE = new Totals(1_050, 1, 1);
    private static final Totals TWO_SALES = ONE_SALE.plus(ONE_SALE);
    private static final Totals THREE_SALES = TWO_SALES.plus(ONE_SALE);

    private TotalsStore<Totals> store;

    @BeforeEach
    void open() {
        store = TotalsStore.builder("totals", TotalsSerdes.totals()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aGroupWrittenSeveralTimesBetweenCommitsGoesDownOnceWithItsLastValueAndAgainAfterTheNextWrite() {
        store.put("mall|Kanyon", ONE_SALE);
        store.put("mall|Kanyon", TWO_SALES);
        assertThat(store.logged.get("mall|Kanyon")).as("buffered until the commit").isNull();
        assertThat(store.get("mall|Kanyon")).isEqualTo(TWO_SALES);

        store.flushCache();
        assertThat(store.logged.get("mall|Kanyon")).isEqualTo(TWO_SALES);

        store.put("mall|Kanyon", THREE_SALES);
        assertThat(store.logged.get("mall|Kanyon")).as("the next commit's write, buffered").isEqualTo(TWO_SALES);
        store.flushCache();
        assertThat(store.logged.get("mall|Kanyon")).as("a group changed again after a commit is written again")
            .isEqualTo(THREE_SALES);

        store.flushCache();
        store.logged.put("mall|Kanyon", ONE_SALE);
        store.flushCache();
        assertThat(store.logged.get("mall|Kanyon")).as("a commit with no change writes nothing").isEqualTo(ONE_SALE);
    }

    @Test
    void anotherThreadReadsTheLatestValuesBeforeAndAfterTheCommit() {
        store.put("mall|Kanyon", ONE_SALE);
        store.put("mall|Metrocity", ONE_SALE);
        store.flushCache();
        store.put("mall|Kanyon", TWO_SALES);
        store.put("category|Books", ONE_SALE);

        assertThat(fromAnotherThread(() -> store.get("mall|Kanyon"))).isEqualTo(TWO_SALES);
        assertThat(fromAnotherThread(() -> store.get("mall|Cevahir AVM"))).isNull();
        assertThat(fromAnotherThread(() -> mallsOf(store))).containsExactly(
            KeyValue.pair("mall|Kanyon", TWO_SALES), KeyValue.pair("mall|Metrocity", ONE_SALE));

        store.flushCache();
        assertThat(fromAnotherThread(() -> mallsOf(store))).containsExactly(
            KeyValue.pair("mall|Kanyon", TWO_SALES), KeyValue.pair("mall|Metrocity", ONE_SALE));
        assertThat(fromAnotherThread(() -> store.get("category|Books"))).isEqualTo(ONE_SALE);
    }

    private static List<KeyValue<String, Totals>> mallsOf(TotalsStore<Totals> store) {
        List<KeyValue<String, Totals>> malls = new ArrayList<>();
        try (KeyValueIterator<String, Totals> entries = store.prefixScan("mall|", Serdes.String().serializer())) {
            entries.forEachRemaining(malls::add);
        }
        return malls;
    }

    private static <T> T fromAnotherThread(Supplier<T> query) {
        return CompletableFuture.supplyAsync(query).join();
    }
}
