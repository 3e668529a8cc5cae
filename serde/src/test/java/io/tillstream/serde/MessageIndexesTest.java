package io.tillstream.serde;

import io.tillstream.serde.sample.protobuf.Basket;
import io.tillstream.serde.sample.protobuf.Receipt;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Message indexes against Confluent's encoding, worked out by hand: a zigzag-varint count, then zigzag-varint indexes. */
class MessageIndexesTest {

    @Test
    void theFirstMessageIsASingleZeroByte() {
        assertThat(hex(MessageIndexes.FIRST)).isEqualTo("00");
        assertThat(hex(new MessageIndexes(List.of(0)))).isEqualTo("00");
    }

    @Test
    void otherPathsAreACountThenTheIndexesAllZigzagEncoded() {
        assertThat(hex(new MessageIndexes(List.of(1)))).isEqualTo("02" + "02");
        assertThat(hex(new MessageIndexes(List.of(1, 0)))).isEqualTo("04" + "02" + "00");
        assertThat(hex(new MessageIndexes(List.of(1, 0, 0)))).isEqualTo("06" + "02" + "00" + "00");
        assertThat(hex(new MessageIndexes(List.of(64)))).as("zigzag 128 takes two varint bytes").isEqualTo("02" + "8001");
    }

    @Test
    void theIndexesOfAMessageAreItsPathAmongMessagesOnly() {
        assertThat(MessageIndexes.of(Receipt.getDescriptor()).indexes()).containsExactly(0);
        assertThat(MessageIndexes.of(Basket.getDescriptor()).indexes()).containsExactly(1);
        assertThat(MessageIndexes.of(Basket.Line.getDescriptor()).indexes()).containsExactly(1, 0);
        assertThat(MessageIndexes.of(Basket.Line.Discount.getDescriptor()).indexes()).containsExactly(1, 0, 0);
    }

    @Test
    void indexesFindTheirMessageInTheFile() {
        assertThat(new MessageIndexes(List.of(1, 0, 0)).find(Basket.getDescriptor().getFile()))
            .isEqualTo(Basket.Line.Discount.getDescriptor());
        assertThatThrownBy(() -> new MessageIndexes(List.of(2)).find(Basket.getDescriptor().getFile()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("message indexes [2] name no message of the schema");
    }

    @Test
    void readingLeavesTheBufferAfterTheIndexes() {
        ByteBuffer buffer = ByteBuffer.wrap(HexFormat.of().parseHex("0402000a"));

        assertThat(MessageIndexes.readFrom(buffer).indexes()).containsExactly(1, 0);
        assertThat(buffer.position()).isEqualTo(3);
        assertThat(MessageIndexes.readFrom(ByteBuffer.wrap(new byte[] {0, 10}))).isEqualTo(MessageIndexes.FIRST);
    }

    @Test
    void corruptIndexesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> MessageIndexes.readFrom(ByteBuffer.wrap(HexFormat.of().parseHex("040282"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("the message indexes are cut short");
        assertThatThrownBy(() -> MessageIndexes.readFrom(ByteBuffer.wrap(HexFormat.of().parseHex("7f00"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("the message index count -64 is out of range");
        assertThatThrownBy(() -> MessageIndexes.readFrom(ByteBuffer.wrap(HexFormat.of().parseHex("0201"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[-1]");
    }

    private static String hex(MessageIndexes indexes) {
        return HexFormat.of().formatHex(indexes.toByteArray());
    }
}
