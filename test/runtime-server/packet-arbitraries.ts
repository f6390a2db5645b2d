/**
 * fast-check arbitraries for what a hostile or broken MQTT client sends: well-formed MQTT 5 packets of
 * every kind a client sends (encoded by mqtt-packet, independently of the runtime), the same packets
 * mutated (bytes flipped, replaced, inserted, cut, Remaining Length rewritten), and raw random bytes;
 * then whole byte streams of them, cut into chunks at random points.
 */
import fc from "fast-check";
import { generate, type Packet } from "mqtt-packet";
import { framed } from "../support/mqtt-frames.js";

const TOPICS = [
  "$iothub/telemetry",
  "$iothub/twin/get",
  "$iothub/twin/patch/reported",
  "$iothub/responses",
  "$iothub/commands",
  "$iothub/methods/reboot",
  "$iothub/methods/+",
  "$iothub/#",
  "#",
  "a/b",
  "",
];

const text = fc.string({ maxLength: 12 });
const topic = fc.oneof(fc.constantFrom(...TOPICS), text);
const packetId = fc.integer({ min: 0, max: 0xffff });
const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((array) => Buffer.from(array));
const userProperties = fc.option(
  fc.dictionary(fc.constantFrom("status", "reason", "@app", "if-version", "x"), text, { minKeys: 1, maxKeys: 3 }),
  { nil: undefined },
);

/** Keeps only the keys whose value is defined: mqtt-packet encodes a property even when it is `undefined`. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

const connect = fc
  .record({
    // Not empty: mqtt-packet will not encode an empty client id without Clean Start.
    clientId: fc.oneof(fc.constantFrom("dev1", "fuzz", "fuzz-2"), fc.string({ minLength: 1, maxLength: 12 })),
    clean: fc.boolean(),
    keepalive: fc.integer({ min: 0, max: 600 }),
    authenticationMethod: fc.option(fc.constantFrom("SAS", "X509", ""), { nil: undefined }),
    authenticationData: fc.option(bytes(32), { nil: undefined }),
    maximumPacketSize: fc.option(fc.integer({ min: 1, max: 300_000 }), { nil: undefined }),
    receiveMaximum: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    sessionExpiryInterval: fc.option(fc.nat(), { nil: undefined }),
    userProperties,
    username: fc.option(text, { nil: undefined }),
    password: fc.option(bytes(16), { nil: undefined }),
  })
  .map((fields): Packet =>
    defined({
      cmd: "connect",
      protocolId: "MQTT",
      protocolVersion: 5,
      clientId: fields.clientId,
      clean: fields.clean,
      keepalive: fields.keepalive,
      username: fields.username,
      // mqtt-packet will not encode a password without a user name, though MQTT 5 allows it.
      password: fields.username === undefined ? undefined : fields.password,
      properties: defined({
        authenticationMethod: fields.authenticationMethod,
        authenticationData: fields.authenticationMethod === undefined ? undefined : fields.authenticationData,
        maximumPacketSize: fields.maximumPacketSize,
        receiveMaximum: fields.receiveMaximum,
        sessionExpiryInterval: fields.sessionExpiryInterval,
        userProperties: fields.userProperties,
      }),
    }),
  );

const publish = fc
  .record({
    topic,
    qos: fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2>,
    retain: fc.boolean(),
    messageId: packetId,
    payload: bytes(64),
    correlationData: fc.option(bytes(20), { nil: undefined }),
    contentType: fc.option(text, { nil: undefined }),
    topicAlias: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
    responseTopic: fc.option(topic, { nil: undefined }),
    userProperties,
  })
  .map(({ qos, messageId, correlationData, contentType, topicAlias, responseTopic, userProperties, ...rest }): Packet =>
    defined({
      cmd: "publish",
      dup: false,
      qos,
      messageId: qos === 0 ? undefined : messageId,
      ...rest,
      properties: defined({ correlationData, contentType, topicAlias, responseTopic, userProperties }),
    }),
  );

const subscribe = fc
  .record({
    messageId: packetId,
    subscriptions: fc.array(fc.record({ topic, qos: fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2> }), {
      minLength: 1,
      maxLength: 4,
    }),
  })
  .map((fields): Packet => ({ cmd: "subscribe", ...fields }));

const unsubscribe = fc
  .record({ messageId: packetId, unsubscriptions: fc.array(topic, { minLength: 1, maxLength: 4 }) })
  .map((fields): Packet => ({ cmd: "unsubscribe", ...fields }));

const acknowledgment = fc
  .record({
    cmd: fc.constantFrom("puback", "pubrec", "pubrel", "pubcomp") as fc.Arbitrary<"puback">,
    messageId: packetId,
    reasonCode: fc.constantFrom(0x00, 0x10, 0x83, 0x92),
    userProperties,
  })
  .map(({ userProperties, ...fields }): Packet => defined({ ...fields, properties: defined({ userProperties }) }));

const disconnect = fc
  .record({
    reasonCode: fc.constantFrom(0x00, 0x04, 0x80, 0x8e),
    sessionExpiryInterval: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ reasonCode, sessionExpiryInterval }): Packet =>
    defined({ cmd: "disconnect", reasonCode, properties: defined({ sessionExpiryInterval }) }),
  );

const auth = fc
  .record({
    reasonCode: fc.constantFrom(0x00, 0x18, 0x19),
    authenticationMethod: fc.constantFrom("SAS", "X509"),
    authenticationData: fc.option(bytes(32), { nil: undefined }),
    userProperties,
  })
  .map(({ reasonCode, ...properties }): Packet => ({ cmd: "auth", reasonCode, properties: defined(properties) }));

const simple = fc.constantFrom<Packet>(
  { cmd: "pingreq" },
  { cmd: "pingresp" },
  { cmd: "connack", reasonCode: 0, sessionPresent: false },
);

/** One well-formed packet of any kind a client might send (and a few it must not), encoded. */
export const wellFormedPacket: fc.Arbitrary<Buffer> = fc
  .oneof(
    { arbitrary: publish, weight: 4 },
    { arbitrary: subscribe, weight: 2 },
    { arbitrary: unsubscribe, weight: 1 },
    { arbitrary: acknowledgment, weight: 2 },
    { arbitrary: connect, weight: 1 },
    { arbitrary: disconnect, weight: 1 },
    { arbitrary: auth, weight: 1 },
    { arbitrary: simple, weight: 1 },
  )
  .map((packet) => generate(packet, { protocolVersion: 5 }));

export const wellFormedConnect: fc.Arbitrary<Buffer> = connect.map((packet) =>
  generate(packet, { protocolVersion: 5 }),
);

type Mutation = (packet: Buffer) => fc.Arbitrary<Buffer>;

const MUTATIONS: readonly Mutation[] = [
  // Flip one bit.
  (packet) =>
    fc.tuple(fc.nat({ max: packet.length - 1 }), fc.integer({ min: 0, max: 7 })).map(([at, bit]) => {
      const copy = Buffer.from(packet);
      copy[at] = (copy[at] as number) ^ (1 << bit);
      return copy;
    }),
  // Replace one byte.
  (packet) =>
    fc.tuple(fc.nat({ max: packet.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([at, value]) => {
      const copy = Buffer.from(packet);
      copy[at] = value;
      return copy;
    }),
  // Cut the packet short, keeping its Remaining Length.
  (packet) => fc.nat({ max: packet.length - 1 }).map((length) => packet.subarray(0, length)),
  // Cut the body and fix the Remaining Length, so the frame is complete but its fields are not.
  (packet) => fc.nat({ max: Math.max(0, packet.length - 2) }).map((cut) => reframe(packet, cut)),
  // Insert random bytes into the body and fix the Remaining Length.
  (packet) =>
    fc.tuple(fc.nat({ max: packet.length }), bytes(6)).map(([at, extra]) => {
      const body = bodyOf(packet);
      const offset = Math.min(at, body.length);
      return framed(packet[0] as number, Buffer.concat([body.subarray(0, offset), extra, body.subarray(offset)]));
    }),
  // Another packet type or other flags on the same body.
  (packet) =>
    fc.integer({ min: 0, max: 255 }).map((first) => Buffer.concat([Buffer.from([first]), packet.subarray(1)])),
];

/** A well-formed packet changed by one mutation. */
export const mutatedPacket: fc.Arbitrary<Buffer> = wellFormedPacket.chain((packet) =>
  fc.constantFrom(...MUTATIONS).chain((mutate) => mutate(packet)),
);

/**
 * What one connection sends: usually a CONNECT first (well formed or mutated, so the storm reaches the
 * packets after it), then well-formed, mutated and random packets, the whole cut into random chunks.
 */
export const hostileStream: fc.Arbitrary<{ readonly chunks: readonly Buffer[]; readonly packets: number }> = fc
  .tuple(
    fc.oneof(
      { arbitrary: wellFormedConnect, weight: 6 },
      {
        arbitrary: wellFormedConnect.chain((packet) => fc.constantFrom(...MUTATIONS).chain((mutate) => mutate(packet))),
        weight: 2,
      },
      { arbitrary: bytes(24), weight: 1 },
    ),
    fc.array(
      fc.oneof(
        { arbitrary: wellFormedPacket, weight: 2 },
        { arbitrary: mutatedPacket, weight: 3 },
        { arbitrary: bytes(24), weight: 1 },
      ),
      { maxLength: 8 },
    ),
    fc.array(fc.nat(), { maxLength: 4 }),
  )
  .map(([first, rest, cuts]) => {
    const stream = Buffer.concat([first, ...rest]);
    const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b);
    const chunks = [0, ...points]
      .map((start, i) => stream.subarray(start, points[i] ?? stream.length))
      .filter((chunk) => chunk.length > 0);
    return { chunks, packets: 1 + rest.length };
  });

/** Raw random bytes, about one stream in eight opening with the CONNECT byte. */
export const randomStream: fc.Arbitrary<Buffer> = fc
  .tuple(fc.boolean(), bytes(200))
  .map(([asConnect, random]) =>
    asConnect && random.length > 0 ? Buffer.concat([Buffer.from([0x10]), random]) : random,
  );

function headerLength(packet: Buffer): number {
  let offset = 1;
  while (offset < packet.length && ((packet[offset] as number) & 0x80) !== 0) offset++;
  return offset + 1;
}

function bodyOf(packet: Buffer): Buffer {
  return packet.subarray(headerLength(packet));
}

function reframe(packet: Buffer, keep: number): Buffer {
  return framed(packet[0] as number, bodyOf(packet).subarray(0, keep));
}
