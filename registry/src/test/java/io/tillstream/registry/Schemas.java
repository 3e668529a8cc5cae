package io.tillstream.registry;

/** Avro schemas the tests register. */
final class Schemas {

    private Schemas() {
    }

    /** The sale record's first version, shaped like the retail module's. */
    static final String SALE_V1 = """
        {"type":"record","name":"Sale","namespace":"io.tillstream.retail","fields":[
          {"name":"invoice_no","type":"string"},
          {"name":"customer_id","type":"string"},
          {"name":"quantity","type":"int"},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}}
        ]}""";

    /** {@link #SALE_V1} plus a field with a default: a BACKWARD compatible change. */
    static final String SALE_V2 = """
        {"type":"record","name":"Sale","namespace":"io.tillstream.retail","fields":[
          {"name":"invoice_no","type":"string"},
          {"name":"customer_id","type":"string"},
          {"name":"quantity","type":"int"},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}},
          {"name":"shopping_mall","type":"string","default":"unknown"}
        ]}""";

    /** {@link #SALE_V1} plus a field without a default: not BACKWARD compatible. */
    static final String SALE_BREAKING = """
        {"type":"record","name":"Sale","namespace":"io.tillstream.retail","fields":[
          {"name":"invoice_no","type":"string"},
          {"name":"customer_id","type":"string"},
          {"name":"quantity","type":"int"},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}},
          {"name":"age","type":"int"}
        ]}""";

    static String record(String name) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"}]}";
    }
}
