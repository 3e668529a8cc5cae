// Confluent's JavaScript Protobuf serdes against a Tillstream registry, driven by ConfluentJsProtobufInteropTest.
//
//   node interop-protobuf.js produce <registry-url> <topic> <descriptors> <message type> <json>
//       serializes the message (given in Protobuf's JSON mapping), registering its file and imports
//       (as base64 FileDescriptorProtos, as this client does), prints its bytes as hex
//   node interop-protobuf.js consume <registry-url> <topic> <descriptors> <hex>
//       deserializes the bytes with the writer's schema, fetched with format=serialized, prints the
//       message in Protobuf's JSON mapping
//
// <descriptors> is a file holding a FileDescriptorSet that protoc compiled: the message types the JS side
// knows, as an application's generated code would give them to it.
const fs = require('fs');
const { SchemaRegistryClient, ProtobufSerializer, ProtobufDeserializer, SerdeType, SubjectNameStrategyType } =
  require('@confluentinc/schemaregistry');
const { createFileRegistry, fromBinary, fromJsonString, toJsonString } = require('@bufbuild/protobuf');
const { FileDescriptorSetSchema } = require('@bufbuild/protobuf/wkt');

// Topic names only: the default strategy asks the registry for topic associations first.
const serdeConfig = { subjectNameStrategyType: SubjectNameStrategyType.TOPIC };

function loadDescriptors(path) {
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, fs.readFileSync(path)));
}

async function produce(client, topic, descriptors, typeName, json) {
  const registry = loadDescriptors(descriptors);
  const type = registry.getMessage(typeName);
  const message = fromJsonString(type, json, { registry });
  const serializer = new ProtobufSerializer(client, SerdeType.VALUE,
    { ...serdeConfig, registry, autoRegisterSchemas: true });
  const bytes = await serializer.serialize(topic, message);
  process.stdout.write(bytes.toString('hex') + '\n');
}

async function consume(client, topic, descriptors, hex) {
  const registry = loadDescriptors(descriptors);
  const deserializer = new ProtobufDeserializer(client, SerdeType.VALUE, serdeConfig);
  const message = await deserializer.deserialize(topic, Buffer.from(hex, 'hex'));
  process.stdout.write(toJsonString(registry.getMessage(message.$typeName), message, { registry }) + '\n');
}

async function main() {
  const [command, url, topic, descriptors, ...rest] = process.argv.slice(2);
  const client = new SchemaRegistryClient({ baseURLs: [url] });
  if (command === 'produce') {
    await produce(client, topic, descriptors, rest[0], rest[1]);
  } else if (command === 'consume') {
    await consume(client, topic, descriptors, rest[0]);
  } else {
    throw new Error(`unknown command ${command}: expected produce or consume`);
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
