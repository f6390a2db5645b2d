/**
 * Mosquitto command lines for the docs: `mosquitto_pub`, `mosquitto_sub` and `mosquitto_rr` (Mosquitto
 * 2.0 clients, MQTT 5 with `-V mqttv5`) that send or watch an operation's messages with the example values
 * of `examples.ts`. Connection flags follow the spec's connection: host, port and TLS, the first way to
 * authenticate it accepts (placeholders in `<…>` for secrets), its CONNECT user properties; MQTT 5
 * properties travel as `-D` options. Every word is quoted for a POSIX shell where it needs it.
 */
import type { ApiModel, AuthenticationModel, ConnectionModel, FirstClassField, OperationModel, PropertyModel } from "../../model.js";
import { connectedTransport, replyTopicTemplate } from "../../model-rules.js";
import {
  allParameters,
  EXAMPLE_CLIENT_ID,
  EXAMPLE_CORRELATION,
  exampleTopic,
  payloadText,
  propertyExample,
  schemaDefinitions,
} from "./examples.js";

/** One command of an operation, with what it does. */
export interface CommandExample {
  readonly purpose: string;
  /** The command, its options grouped on lines joined by ` \` continuations. */
  readonly text: string;
}

/** The `-D publish` identifier of each first-class property; Retain is the `-r` flag instead. */
const PUBLISH_PROPERTIES: Readonly<Record<Exclude<FirstClassField, "retain">, string>> = {
  contentType: "content-type",
  payloadFormatIndicator: "payload-format-indicator",
  messageExpiryInterval: "message-expiry-interval",
  responseTopic: "response-topic",
};

/** Where and how to connect: the endpoint's host (its `{…}` parts as `<…>` placeholders), port and TLS. */
export interface EndpointFacts {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
}

/** The endpoint a client connects to; without one stated, the default transport (`connectedTransport`) at `<host>`. */
export function endpointFacts(connection: ConnectionModel): EndpointFacts {
  const endpoint = connection.endpoint;
  return { host: endpoint?.host?.replace(/\{([^{}]+)\}/g, "<$1>") ?? "<host>", ...connectedTransport(endpoint) };
}

/** The flags that authenticate one way, a group a line, with placeholders for what only the user has. */
export function authenticationFlags(authentication: AuthenticationModel): string[][] {
  const method = (name: string) => ["-D", "connect", "authentication-method", name];
  switch (authentication.kind) {
    case "none":
      return [];
    case "username-password":
      return [["-u", "<username>", "-P", "<password>"]];
    case "token":
      return [method(authentication.method), ["-D", "connect", "authentication-data", "<token>"]];
    case "sas":
      return [
        method(authentication.method),
        ["-D", "connect", "user-property", "sas-at", "<signing time, epoch ms>"],
        ["-D", "connect", "user-property", "sas-expiry", "<expiry time, epoch ms>"],
        ["-D", "connect", "authentication-data", "<SAS signature>"],
      ];
    case "x509":
      return [["--cert", "device-cert.pem", "--key", "device-key.pem"], ...(authentication.method === undefined ? [] : [method(authentication.method)])];
  }
}

/** The connection flags of every command, one group a line. */
function connectionLines(connection: ConnectionModel): string[][] {
  const endpoint = endpointFacts(connection);
  const first = connection.authentication[0] ?? { kind: "none" };
  const properties = connection.userProperties.filter((property) => property.required || property.value !== undefined);
  return [
    ["-h", endpoint.host, "-p", String(endpoint.port), ...(endpoint.tls ? ["--cafile", "ca.pem"] : [])],
    ["-i", EXAMPLE_CLIENT_ID],
    ...authenticationFlags(first),
    ...properties.map((property) => ["-D", "connect", "user-property", property.name, propertyExample(property)]),
  ];
}

/** `-D publish` options (and `-r`) for the properties of a message that a command sets: required ones and MQTT ones. */
function propertyLines(properties: readonly PropertyModel[], payload: OperationModel["request"]["payload"]): string[][] {
  return properties
    .filter((property) => property.required || property.kind === "first-class")
    .map((property) => {
      if (property.kind === "user") return ["-D", "publish", "user-property", property.name, propertyExample(property, payload)];
      if (property.mqttField === "retain") return ["-r"];
      return ["-D", "publish", PUBLISH_PROPERTIES[property.mqttField], propertyExample(property, payload)];
    });
}

/** The commands that exercise an operation from a device's side. */
export function operationCommands(operation: OperationModel, model: ApiModel): CommandExample[] {
  const definitions = schemaDefinitions(model);
  const connection = connectionLines(model.connection);
  const parameters = allParameters(operation);
  const filled = (template: string) => exampleTopic({ template, parameters });
  const payloadLine = (payload: OperationModel["request"]["payload"]): string[] => {
    const text = payloadText(payload, definitions);
    return text === undefined ? ["-n"] : ["-m", text];
  };
  const keyed = model.dialect.messageKey?.kind === "correlation-data" && operation.qos === 1;
  const correlated = operation.correlation?.kind === "correlation-data" || (keyed && operation.interaction !== "request-response");
  const correlation = correlated ? [["-D", "publish", "correlation-data", EXAMPLE_CORRELATION]] : [];
  const reply = operation.reply;
  const replyTopic = reply === undefined ? undefined : replyTopicTemplate(reply, model.dialect.replies, operation.id);

  if (operation.direction === "client-to-server") {
    const topic = ["-t", filled(operation.topic.template), "-q", String(operation.qos)];
    const request = propertyLines(operation.request.properties, operation.request.payload);
    if (replyTopic === undefined) {
      return [
        {
          purpose: "Publish the message",
          text: command("mosquitto_pub", [...connection, topic, ...correlation, ...request, payloadLine(operation.request.payload)]),
        },
      ];
    }
    return [
      {
        purpose: `Send the request and print the reply${reply?.kind === "accepted-rejected" ? " (accepted; failures arrive on the rejected topic)" : ""}`,
        text: command("mosquitto_rr", [
          ...connection,
          [...topic, "-e", filled(replyTopic)],
          ...correlation,
          ...request,
          payloadLine(operation.request.payload),
          ["-W", "10"],
        ]),
      },
    ];
  }
  const subscription = operation.subscription;
  const commands: CommandExample[] = subscription === undefined ? [] : [
    {
      purpose: "Subscribe and print what arrives",
      text: command("mosquitto_sub", [...connection, ["-t", filled(subscription.filter), "-q", String(subscription.qos), "-v"]]),
    },
  ];
  if (replyTopic !== undefined && operation.success !== undefined) {
    const requesterTopic = reply?.kind === "default" && model.dialect.replies.kind === "requester-topic";
    commands.push({
      purpose: "Reply to a request",
      text: command("mosquitto_pub", [
        ...connection,
        ["-t", requesterTopic ? "<Response Topic of the request>" : filled(replyTopic), "-q", "0"],
        ...(operation.correlation?.kind === "correlation-data" ? [["-D", "publish", "correlation-data", "<Correlation Data of the request>"]] : []),
        ...propertyLines(operation.success.properties, operation.success.payload),
        payloadLine(operation.success.payload),
      ]),
    });
  }
  return commands;
}

/** A command from its program and groups of arguments, one group a line. */
function command(program: string, groups: readonly (readonly string[])[]): string {
  return [[program, "-V", "mqttv5"], ...groups].map((group) => group.map(shellWord).join(" ")).join(" \\\n  ");
}

/** A word as a POSIX shell reads it back: bare when it is plain, in single quotes otherwise. */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, "'\\''")}'`;
}
