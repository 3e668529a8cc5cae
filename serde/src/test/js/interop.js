// Confluent's JavaScript serdes against a Tillstream registry, driven by ConfluentJsInteropTest.
//
//   node interop.js produce <registry-url> <topic> <schema.avsc>  registers the schema under <topic>-value,
//                                                                   serializes a sale, prints its bytes as hex
//   node interop.js consume <registry-url> <topic> <hex>           deserializes the bytes, prints the sale as JSON
//
// The decimal price travels as the bytes of its unscaled value and the date as days since the epoch:
// these serdes register no logical types.
const fs = require('fs');
const { SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType, SubjectNameStrategyType } =
  require('@confluentinc/schemaregistry');

const sale = {
  invoice_no: 'I138884',
  customer_id: 'C241288',
  gender: 'Female',
  age: 28,
  category: 'Clothing',
  quantity: 5,
  price: Buffer.from('024a18', 'hex'), // 1500.40 at scale 2: unscaled 150040
  payment_method: 'Credit Card',
  invoice_date: 19209, // 2022-08-05
  shopping_mall: 'Kanyon',
  event_time: 1651400000000,
};

// Topic names only: the default strategy asks the registry for topic associations first.
const serdeConfig = { subjectNameStrategyType: SubjectNameStrategyType.TOPIC };

async function produce(client, topic, schemaFile) {
  const schema = fs.readFileSync(schemaFile, 'utf8');
  const id = await client.register(`${topic}-value`, { schemaType: 'AVRO', schema });
  const serializer = new AvroSerializer(client, SerdeType.VALUE, { ...serdeConfig, useLatestVersion: true });
  const bytes = await serializer.serialize(topic, sale);
  process.stdout.write(JSON.stringify({ id, hex: bytes.toString('hex') }) + '\n');
}

async function consume(client, topic, hex) {
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, serdeConfig);
  const value = await deserializer.deserialize(topic, Buffer.from(hex, 'hex'));
  process.stdout.write(JSON.stringify({ ...value, price: value.price.toString('hex') }) + '\n');
}

async function main() {
  const [command, url, topic, argument] = process.argv.slice(2);
  const client = new SchemaRegistryClient({ baseURLs: [url] });
  if (command === 'produce') {
    await produce(client, topic, argument);
  } else if (command === 'consume') {
    await consume(client, topic, argument);
  } else {
    throw new Error(`unknown command ${command}: expected produce or consume`);
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
