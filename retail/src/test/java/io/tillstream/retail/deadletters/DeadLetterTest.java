package io.tillstream.retail.deadletters;

import io.tillstream.retail.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a dead letter's headers, grouping reasons, filtering and the redrive's decisions: pure logic. */
class DeadLetterTest {

    @Test
    void reasonsThatOnlyNameAnotherRecordFallInOneGroupAndOtherReasonsDoNot() {
        DeadLetter first = letter(0, 1, "decode", "not Avro: sales_enriched partition 0 offset 12", 0, true);
        DeadLetter second = letter(0, 2, "decode", "not Avro: sales_enriched partition 3 offset 9041", 0, true);
        DeadLetter other = letter(0, 3, "decode", "unknown schema ID 1001", 0, true);
        DeadLetter otherId = letter(0, 4, "decode", "unknown schema ID 1002", 0, true);

        assertThat(first.reasonPattern()).isEqualTo("not Avro: sales_enriched partition * offset *");
        assertThat(first.groupId()).isEqualTo(second.groupId()).hasSize(8).isNotEqualTo(other.groupId());
        assertThat(other.groupId()).isNotEqualTo(otherId.groupId());
        assertThat(letter(0, 5, "invalid", "unknown schema ID 1001", 0, true).groupId()).isNotEqualTo(other.groupId());
    }

    @Test
    void theOriginalHeadersAreTheRecordsOwnWithoutTheDeadLetterOnes() {
        DeadLetter letter = letter(1, 7, "invalid", "price 1500.41 is not 5 x 300.08", 2, true);

        assertThat(letter.source()).isEqualTo(new DeadLetter.Source("raw_data", 3, 99));
        assertThat(letter.redriveCount()).isEqualTo(2);
        assertThat(letter.originalHeaders()).extracting(h -> h.key()).containsExactly("trace", DeadLetters.REDRIVE_COUNT_HEADER);
        assertThat(letter(1, 8, null, null, 0, false)).satisfies(unknown -> {
            assertThat(unknown.errorClass()).isEqualTo(DeadLetter.UNKNOWN);
            assertThat(unknown.source()).isNull();
        });
    }

    @Test
    void aFilterTakesTheNamedRecordsOrEveryConditionGiven() {
        DeadLetter letter = letter(1, 7, "invalid", "Price 1500.41 is not 5 x 300.08", 0, true);

        assertThat(DeadLetterFilter.ALL.matches(letter)).isTrue();
        assertThat(DeadLetterFilter.of(Set.of(new DeadLetter.RecordId(1, 7))).matches(letter)).isTrue();
        assertThat(DeadLetterFilter.of(Set.of(new DeadLetter.RecordId(1, 8))).matches(letter)).isFalse();
        assertThat(filter("invalid", "PRICE", 3, 99L, 99L).matches(letter)).isTrue();
        assertThat(filter("decode", null, null, null, null).matches(letter)).isFalse();
        assertThat(filter(null, null, 2, null, null).matches(letter)).isFalse();
        assertThat(filter(null, null, null, 100L, null).matches(letter)).isFalse();
        assertThatThrownBy(() -> filter(null, null, null, 9L, 3L)).hasMessageContaining("9-3");
    }

    @Test
    void aRedriveSkipsWhatHasNoSourceWasSentOrReachedTheLimitUnlessForced() {
        DeadLetter fresh = letter(0, 1, "decode", "x", 0, true);
        DeadLetter tired = letter(0, 2, "decode", "x", 3, true);
        RedriveMark mark = new RedriveMark(1, "first", 0, "raw_data:3");

        assertThat(Redrive.skip(fresh, null, request("r", false))).isEmpty();
        assertThat(Redrive.skip(fresh, mark, request("r", false))).contains(Redrive.Skip.ALREADY_REDRIVEN);
        assertThat(Redrive.skip(fresh, mark, request("r", true))).isEmpty();
        assertThat(Redrive.skip(fresh, mark, request("first", true))).contains(Redrive.Skip.SENT_BY_THIS_REQUEST);
        assertThat(Redrive.skip(tired, null, request("r", false))).contains(Redrive.Skip.REDRIVE_LIMIT);
        assertThat(Redrive.skip(tired, null, request("r", true))).isEmpty();
        assertThat(Redrive.skip(letter(0, 3, "decode", "x", 0, false), null, request("r", true)))
            .isEqualTo(Optional.of(Redrive.Skip.NO_SOURCE));
    }

    @Test
    void aRecordIsNamedByPartitionAndOffset() {
        assertThat(DeadLetter.RecordId.parse(" 2 : 41 ")).isEqualTo(new DeadLetter.RecordId(2, 41));
        assertThat(new DeadLetter.RecordId(2, 41)).hasToString("2:41");
        for (String bad : List.of("2", "a:1", ":1", "1:")) {
            assertThatThrownBy(() -> DeadLetter.RecordId.parse(bad)).hasMessageContaining("PARTITION:OFFSET");
        }
    }

    private static Redrive.Request request(String id, boolean force) {
        return new Redrive.Request(id, DeadLetterFilter.ALL, force, Redrive.DEFAULT_LIMIT, false);
    }

    private static DeadLetterFilter filter(String errorClass, String reason, Integer partition, Long from, Long to) {
        return new DeadLetterFilter(null, null, errorClass, reason, partition, from, to, null, null);
    }

    private static DeadLetter letter(int partition, long offset, String errorClass, String reason, int redrives,
                                     boolean withSource) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("trace", bytes("t-1")));
        if (redrives > 0) {
            headers.add(new RecordHeader(DeadLetters.REDRIVE_COUNT_HEADER, bytes(Integer.toString(redrives))));
        }
        if (errorClass != null) {
            headers.add(new RecordHeader(DeadLetters.ERROR_CLASS_HEADER, bytes(errorClass)));
            headers.add(new RecordHeader(DeadLetters.ERROR_REASON_HEADER, bytes(reason)));
        }
        if (withSource) {
            headers.add(new RecordHeader(DeadLetters.SOURCE_TOPIC_HEADER, bytes("raw_data")));
            headers.add(new RecordHeader(DeadLetters.SOURCE_PARTITION_HEADER, bytes("3")));
            headers.add(new RecordHeader(DeadLetters.SOURCE_OFFSET_HEADER, bytes("99")));
        }
        return DeadLetter.of(new ConsumerRecord<>("raw_data_dlq", partition, offset, 1_000L, TimestampType.CREATE_TIME,
            0, 0, bytes("I100001"), bytes("value"), headers, Optional.empty()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
