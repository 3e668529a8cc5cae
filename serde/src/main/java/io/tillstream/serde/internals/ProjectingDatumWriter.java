package io.tillstream.serde.internals;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.Encoder;

import java.io.IOException;

/**
 * Writes records with a schema other than their own, such as a subject's latest version: each
 * field is taken from the record by name, or is the field's default when the record lacks it. A
 * plain writer would take fields by position, which differ between versions.
 */
public final class ProjectingDatumWriter extends GenericDatumWriter<Object> {

    public ProjectingDatumWriter(Schema schema, GenericData data) {
        super(schema, data);
    }

    @Override
    protected void writeField(Object datum, Schema.Field field, Encoder out, Object state) throws IOException {
        Schema.Field own = ((GenericContainer) datum).getSchema().getField(field.name());
        Object value = own != null ? ((IndexedRecord) datum).get(own.pos()) : getData().getDefaultValue(field);
        try {
            write(field.schema(), value, out);
        } catch (NullPointerException e) {
            throw npe(e, " in field " + field.name());
        }
    }
}
