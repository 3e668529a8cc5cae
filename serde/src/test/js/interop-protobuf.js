// Confluent's JavaScript Protobuf serdes against a Tillstream registry, driven by ConfluentJsProtobufInteropTest.
//
//   node interop-protobuf.js produce <registry-url> <topic> <descriptors> <message type> <json>
//       serializes the message (given in Protobuf's JSON mapping) with the subject's latest schema, prints its bytes as hex
//   node interop-protobuf.js consume <registry-url> <topic> <descriptors> <file name> <hex>
//       deserializes the bytes, prints the message in Protobuf's JSON mapping
//
// <descriptors> is a file holding a FileDescriptorSet that protoc compiled: the message types the JS side
// knows, as an application's generated code would give them to it.
//
// Confluent's JS serdes fetch schemas with format=serialized, a base64 FileDescriptorProto instead of
// .proto text, which Tillstream's registry does not serve yet. For consume, the client is wrapped so that
// the schema (and each reference's) comes back as the descriptor of the file of that name from
// <descriptors>; the IDs, the references, their subjects and versions are still the registry's answers.
const fs = require('fs');
const { SchemaRegistryClient, ProtobufSerializer, ProtobufDeserializer, SerdeType, SubjectNameStrategyType } =
  require('@confluentinc/schemaregistry');
const { createFileRegistry, fromBinary, toBinary, fromJsonString, toJsonString } = require('@bufbuild/protobuf');
const { FileDescriptorSetSchema, FileDescriptorProtoSchema } = require('@bufbuild/protobuf/wkt');

// Topic names only: the default strategy asks the registry for topic associations first.
const serdeConfig = { subjectNameStrategyType: SubjectNameStrategyType.TOPIC };

function loadDescriptors(path) {
  const set = fromBinary(FileDescriptorSetSchema, fs.readFileSync(path));
  const serialized = new Map(set.file.map((file) => [file.name,
    Buffer.from(toBinary(FileDescriptorProtoSchema, file)).toString('base64')]));
  return { registry: createFileRegistry(set), serialized };
}

async function produce(client, topic, descriptors, typeName, json) {
  const { registry } = loadDescriptors(descriptors);
  const type = registry.getMessage(typeName);
  const message = fromJsonString(type, json, { registry });
  const serializer = new ProtobufSerializer(client, SerdeType.VALUE,
    { ...serdeConfig, registry, autoRegisterSchemas: false, useLatestVersion: true });
  const bytes = await serializer.serialize(topic, message);
  process.stdout.write(bytes.toString('hex') + '\n');
}

async function consume(client, topic, descriptors, fileName, hex) {
  const { registry, serialized } = loadDescriptors(descriptors);
  const getBySubjectAndId = client.getBySubjectAndId.bind(client);
  client.getBySubjectAndId = async (subject, id, format) =>
    ({ ...(await getBySubjectAndId(subject, id)), schema: serialized.get(fileName) });
  const getSchemaMetadata = client.getSchemaMetadata.bind(client);
  client.getSchemaMetadata = async (subject, version, deleted, format) =>
    ({ ...(await getSchemaMetadata(subject, version, deleted)), schema: serialized.get(subject) });
  const deserializer = new ProtobufDeserializer(client, SerdeType.VALUE, serdeConfig);
  const message = await deserializer.deserialize(topic, Buffer.from(hex, 'hex'));
  process.stdout.write(toJsonString(registry.getMessage(message.$typeName), message, { registry }) + '\n');
}

async function main() {
  const [command, url, topic, descriptors, name, value] = process.argv.slice(2);
  const client = new SchemaRegistryClient({ baseURLs: [url] });
  if (command === 'produce') {
    await produce(client, topic, descriptors, name, value);
  } else if (command === 'consume') {
    await consume(client, topic, descriptors, name, value);
  } else {
    throw new Error(`unknown command ${command}: expected produce or consume`);
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
