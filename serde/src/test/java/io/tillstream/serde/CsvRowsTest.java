package io.tillstream.serde;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRowsTest {

    private static final ObjectMapper JSON = JsonMapper.builder().nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aSaleIsOneRowWithAColumnPerFieldAndItsExactDecimals() throws Exception {
        StringBuilder out = new StringBuilder();
        CsvRows csv = new CsvRows(out);
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("source", "till-7".getBytes(StandardCharsets.UTF_8)));
        csv.write(new CsvRows.Row(2, 41, 1_700_000_000_123L, "I138884", headers,
            json("{\"invoice_no\": \"I138884\", \"price\": 1500.40, \"quantity\": 5, \"store\": {\"mall\": \"Kanyon\"}}")));

        assertThat(out.toString()).isEqualTo(
            "partition,offset,timestamp,key,headers,invoice_no,price,quantity,store.mall,value_other\r\n"
                + "2,41,1700000000123,I138884,\"{\"\"source\"\":\"\"till-7\"\"}\",I138884,1500.40,5,Kanyon,\r\n");
    }

    @Test
    void fieldsWithCommasQuotesAndLineBreaksAreQuotedAsRfc4180Says() throws Exception {
        StringBuilder out = new StringBuilder();
        CsvRows csv = new CsvRows(out);
        csv.write(new CsvRows.Row(0, 0, 1, "a,b", null, json("{\"note\": \"say \\\"hi\\\"\\nthen go\", \"tags\": [1, 2]}")));

        assertThat(out.toString()).endsWith("0,0,1,\"a,b\",{},\"say \"\"hi\"\"\nthen go\",\"[1,2]\",\r\n");
    }

    @Test
    void whatALaterRecordHasBeyondTheFirstOnesColumnsGoesToValueOther() throws Exception {
        StringBuilder out = new StringBuilder();
        CsvRows csv = new CsvRows(out);
        csv.write(new CsvRows.Row(0, 0, 1, null, null, json("{\"a\": 1}")));
        csv.write(new CsvRows.Row(0, 1, 2, null, null, json("{\"a\": null, \"b\": true}")));
        csv.write(new CsvRows.Row(0, 2, 3, null, null, json("\"just text\"")));
        csv.write(new CsvRows.Row(0, 3, 4, null, null, null));

        assertThat(out.toString().split("\r\n")).containsExactly(
            "partition,offset,timestamp,key,headers,a,value_other",
            "0,0,1,,{},1,",
            "0,1,2,,{},,\"{\"\"b\"\":true}\"",
            "0,2,3,,{},,\"{\"\"value\"\":\"\"just text\"\"}\"",
            "0,3,4,,{},,");
    }

    @Test
    void valuesThatAreNoObjectsShareOneValueColumn() throws Exception {
        StringBuilder out = new StringBuilder();
        CsvRows csv = new CsvRows(out);
        csv.write(new CsvRows.Row(0, 0, 1, "k", null, json("\"plain text\"")));
        csv.write(new CsvRows.Row(0, 1, 2, "k", null, json("{\"a\": 1}")));

        assertThat(out.toString().split("\r\n")).containsExactly(
            "partition,offset,timestamp,key,headers,value",
            "0,0,1,k,{},plain text",
            "0,1,2,k,{},\"{\"\"a\"\":1}\"");
    }

    @Test
    void repeatedHeaderKeysKeepEveryValue() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("hop", "a".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("hop", "b".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("empty", (byte[]) null));

        assertThat(CsvRows.headersJson(headers).toString()).isEqualTo("{\"hop\":[\"a\",\"b\"],\"empty\":null}");
    }

    @Test
    void anEmptySelectionIsStillAFileWithItsHeader() throws Exception {
        StringBuilder out = new StringBuilder();
        new CsvRows(out).finish();

        assertThat(out.toString()).isEqualTo("partition,offset,timestamp,key,headers,value\r\n");
    }
}
