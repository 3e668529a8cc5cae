package io.tillstream.console.messages;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillstream.console.ConsoleJson;
import io.tillstream.serde.CsvRows;
import io.tillstream.serde.RecordJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes a topic's records, or those of a range that a filter matches, decoded as CSV
 * ({@link CsvRows}) or JSON lines, to a stream as they are read: one fetch of records and a
 * writer's buffer are all it holds, however large the topic. A JSON line is
 * {@code {"partition", "offset", "timestamp", "timestampType", "key", "headers", "value"}} with the
 * key and value decoded as the browser shows them and the headers as the CSV's headers column.
 */
final class MessageExport {

    /** The file formats. */
    enum Format {
        CSV("text/csv; charset=utf-8"), JSONL("application/x-ndjson");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        String contentType() {
            return contentType;
        }

        String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final ObjectMapper JSON = ConsoleJson.export();
    private static final int BUFFER = 64 * 1024;

    private final TopicScan scan;
    private final RecordJson keys;
    private final RecordJson values;

    MessageExport(TopicScan scan, RecordJson keys, RecordJson values) {
        this.scan = scan;
        this.keys = keys;
        this.values = values;
    }

    /** The rows written; {@code filter} may be null for every record, {@code limit} stops after that many rows. */
    TopicScan.Result write(String topic, TopicScan.Range range, MessageFilter filter, long limit, Format format,
                           OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
        Rows rows = format == Format.CSV ? new Csv(writer) : new JsonLines(writer);
        TopicScan.Result result = scan.scan(topic, range, new TopicScan.Visitor() {
            private long written;

            @Override
            public boolean visit(ConsumerRecord<byte[], byte[]> record) throws IOException {
                ScannedRecord scanned = new ScannedRecord(record, keys, values);
                if (filter != null && !matches(filter, scanned)) {
                    return true;
                }
                rows.write(scanned);
                return ++written < limit;
            }

            @Override
            public void progress(long scanned, long total) throws IOException {
                // Each fetch's rows go out now: the browser shows the download growing, and a dropped one stops the scan.
                rows.flush();
                writer.flush();
            }
        });
        rows.finish();
        writer.flush();
        return result;
    }

    private static boolean matches(MessageFilter filter, ScannedRecord record) {
        try {
            return filter.test(record);
        } catch (MessageFilter.EvaluationFailure e) {
            return false;
        }
    }

    private interface Rows {
        void write(ScannedRecord record) throws IOException;

        /** Hands what is written so far to the writer. */
        void flush() throws IOException;

        /** The end of the file: an empty CSV still gets its header. */
        void finish() throws IOException;
    }

    private static final class Csv implements Rows {

        private final CsvRows csv;

        Csv(Writer writer) {
            this.csv = new CsvRows(writer);
        }

        @Override
        public void write(ScannedRecord record) throws IOException {
            ConsumerRecord<byte[], byte[]> r = record.record();
            csv.write(new CsvRows.Row(r.partition(), r.offset(), r.timestamp(), record.keyText(), r.headers(),
                record.value().content()));
        }

        @Override
        public void flush() {
            // CsvRows writes straight to the writer.
        }

        @Override
        public void finish() throws IOException {
            csv.finish();
        }
    }

    private static final class JsonLines implements Rows {

        private final JsonGenerator json;

        JsonLines(Writer writer) throws IOException {
            this.json = JSON.createGenerator(writer);
            json.setRootValueSeparator(null);
        }

        @Override
        public void write(ScannedRecord record) throws IOException {
            ConsumerRecord<byte[], byte[]> r = record.record();
            json.writeStartObject();
            json.writeNumberField("partition", r.partition());
            json.writeNumberField("offset", r.offset());
            json.writeNumberField("timestamp", r.timestamp());
            json.writeStringField("timestampType", r.timestampType().name);
            tree("key", record.key().content());
            tree("headers", CsvRows.headersJson(r.headers()));
            tree("value", record.value().content());
            json.writeEndObject();
            json.writeRaw('\n');
        }

        private void tree(String name, JsonNode node) throws IOException {
            json.writeFieldName(name);
            if (node == null) {
                json.writeNull();
            } else {
                JSON.writeTree(json, node);
            }
        }

        @Override
        public void flush() throws IOException {
            json.flush();
        }

        @Override
        public void finish() throws IOException {
            json.flush();
        }
    }
}
