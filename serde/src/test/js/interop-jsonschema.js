// Confluent's JavaScript JSON Schema serdes against a Tillstream registry, driven by ConfluentJsJsonSchemaInteropTest.
//
//   node interop-jsonschema.js produce <registry-url> <topic> <schema.json> <value-json> [<ref-name> <ref-subject> <ref-schema.json>]
//       registers the referenced schema under <ref-subject> if one is given, then the schema under <topic>-value
//       (referring to it by <ref-name>), serializes the value with that latest schema, validating it first,
//       and prints the schema ID and the bytes as hex
//   node interop-jsonschema.js consume <registry-url> <topic> <hex>
//       deserializes the bytes, validating the value against its schema and the schemas it refers to, and prints it
//
// The package brings no JSON Schema format library, so Ajv is given the one format the sale uses.
const fs = require('fs');
const { SchemaRegistryClient, JsonSerializer, JsonDeserializer, SerdeType, SubjectNameStrategyType } =
  require('@confluentinc/schemaregistry');

const serdeConfig = {
  // Topic names only: the default strategy asks the registry for topic associations first.
  subjectNameStrategyType: SubjectNameStrategyType.TOPIC,
  validate: true,
  formats: { date: /^\d{4}-\d{2}-\d{2}$/ },
};

async function produce(client, topic, schemaFile, json, refName, refSubject, refSchemaFile) {
  const references = [];
  if (refName) {
    const refSchema = fs.readFileSync(refSchemaFile, 'utf8');
    await client.register(refSubject, { schemaType: 'JSON', schema: refSchema });
    references.push({ name: refName, subject: refSubject, version: 1 });
  }
  const schema = fs.readFileSync(schemaFile, 'utf8');
  const id = await client.register(`${topic}-value`, { schemaType: 'JSON', schema, references });
  const serializer = new JsonSerializer(client, SerdeType.VALUE, { ...serdeConfig, useLatestVersion: true });
  const bytes = await serializer.serialize(topic, JSON.parse(json));
  process.stdout.write(JSON.stringify({ id, hex: bytes.toString('hex') }) + '\n');
}

async function consume(client, topic, hex) {
  const deserializer = new JsonDeserializer(client, SerdeType.VALUE, serdeConfig);
  const value = await deserializer.deserialize(topic, Buffer.from(hex, 'hex'));
  process.stdout.write(JSON.stringify(value) + '\n');
}

async function main() {
  const [command, url, topic, ...rest] = process.argv.slice(2);
  const client = new SchemaRegistryClient({ baseURLs: [url] });
  if (command === 'produce') {
    await produce(client, topic, ...rest);
  } else if (command === 'consume') {
    await consume(client, topic, ...rest);
  } else {
    throw new Error(`unknown command ${command}: expected produce or consume`);
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
