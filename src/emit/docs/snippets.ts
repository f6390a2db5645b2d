/**
 * The TypeScript snippets of the docs: how the generated client calls or handles an operation, and how
 * the generated server handles or calls it. Names, member keys and types come from the view-models the
 * TypeScript emitters render (`clientFileView`, `serverFileView`), never from naming rules of their own,
 * so a snippet names what the generated code declares; values are the examples of `examples.ts`. The
 * snippets are the one place that knows the generated API's shape for the docs: a change of that shape
 * is adapted here. test/docs-snippets compiles every snippet the page shows against the generated code.
 *
 * A snippet lives beside the generated directory: it imports `./<spec>/client.js` or `./<spec>/server.js`.
 */
import type { ApiModel, AuthenticationModel, JsonValue, OperationModel, PropertyModel, TopicParameterModel } from "../../model.js";
import { payloadTypeName } from "../../names.js";
import { freeParameters } from "../api/parameters.js";
import { clientFileView, type ClientFileView, type HandlerView, type PropertyView, type RequestView } from "../client/view-model.js";
import { memberKey } from "../escape.js";
import { SCALAR_TS_TYPES } from "../typescript-types.js";
import { serverFileView, type MemberView, type ServerOperationView } from "../server/view-model.js";
import { endpointFacts } from "./commands.js";
import {
  EXAMPLE_BYTES,
  EXAMPLE_CLIENT_ID,
  EXAMPLE_TIME_MS,
  parameterExample,
  payloadExample,
  propertyExample,
  schemaDefinitions,
} from "./examples.js";
import { schemaExample, type SchemaDefinitions } from "./schema-example.js";

/** The snippets of one operation; `client` is complete, `server` a part of `ApiSnippets.server`. */
export interface OperationSnippets {
  readonly client: string;
  readonly server: string;
}

/** Every snippet of an API: per operation, and the whole server its operation parts belong to. */
export interface ApiSnippets {
  /** Keyed by operation id. */
  readonly operations: ReadonlyMap<string, OperationSnippets>;
  /** A complete server: every handler, then a call of each server→client operation. */
  readonly server: string;
}

const INDENT = "  ";

export function apiSnippets(model: ApiModel, specName: string): ApiSnippets {
  const client = clientFileView(model, specName);
  const server = serverFileView(model, specName);
  const definitions = schemaDefinitions(model);
  const values = new ValueWriter(model, definitions);
  const setup = clientSetup(model, client, specName);
  const operations = new Map<string, OperationSnippets>();
  const handlerParts: string[] = [];
  const callParts: string[] = [];
  model.operations.forEach((operation) => {
    const serverOperation = server.operations.find((o) => o.id === operation.id);
    if (serverOperation === undefined) return;
    const request = client.requests.find((r) => r.operation.id === operation.id);
    const handler = client.handlers.find((h) => h.operation.id === operation.id);
    const serverPart = serverOperation.isHandler ? serverHandler(serverOperation, values) : serverCall(serverOperation, values);
    (serverOperation.isHandler ? handlerParts : callParts).push(serverPart);
    const clientPart =
      request !== undefined ? clientRequest(operation, request, values) : handler !== undefined ? clientHandler(operation, handler, values) : "";
    const connectFirst = request !== undefined;
    const helper = handler === undefined ? [] : handler.isAck ? ["accept"] : handler.isRequest ? ["reply"] : [];
    operations.set(operation.id, {
      client: [setup.imports(helper), "", setup.create, ...(connectFirst ? [CONNECT, clientPart] : [clientPart, CONNECT])].join("\n"),
      server: serverPart,
    });
  });
  return { operations, server: wholeServer(specName, server.createFunction, handlerParts, callParts) };
}

const CONNECT = "await client.connect();";

/** The imports and the construction of the client, with the spec's first way to authenticate. */
function clientSetup(
  model: ApiModel,
  client: ClientFileView,
  specName: string,
): { imports: (helpers: readonly string[]) => string; create: string } {
  const endpoint = endpointFacts(model.connection);
  const authentication = model.connection.authentication[0] ?? { kind: "none" };
  const needsFiles = authentication.kind === "x509";
  const defaultUrl = endpoint.tls && endpoint.port === 8883;
  const options = [
    `clientId: ${JSON.stringify(EXAMPLE_CLIENT_ID)},`,
    `host: ${JSON.stringify(endpoint.host)},`,
    ...(defaultUrl ? [] : [`url: ${JSON.stringify(`${endpoint.tls ? "mqtts" : "mqtt"}://${endpoint.host}:${endpoint.port}`)},`]),
    ...(endpoint.tls ? [`ca: readFileSync("ca.pem"),`] : []),
    `credentials: ${credentials(authentication)},`,
  ];
  return {
    imports: (helpers) =>
      [
        ...(endpoint.tls || needsFiles ? [`import { readFileSync } from "node:fs";`] : []),
        `import { ${[client.className, ...helpers].join(", ")} } from "./${specName}/client.js";`,
      ].join("\n"),
    create: [`const client = new ${client.className}({`, ...options.map((line) => INDENT + line), "});"].join("\n"),
  };
}

function credentials(authentication: AuthenticationModel): string {
  switch (authentication.kind) {
    case "none":
      return `{ method: "none" }`;
    case "username-password":
      return `{ method: "username-password", username: "<username>", password: "<password>" }`;
    case "token":
      return `{ method: "token", token: "<token>" }`;
    case "sas":
      return `{ method: "SAS", key: "<base64 device key>" }`;
    case "x509":
      return `{ method: "X509", cert: readFileSync("device-cert.pem"), key: readFileSync("device-key.pem") }`;
  }
}

/** A client→server call: its arguments as the method's view lists them, the result printed. */
function clientRequest(operation: OperationModel, request: RequestView, values: ValueWriter): string {
  const args = [
    ...(request.operation.hasParameters ? [values.parameters(freeParameters(operation))] : []),
    ...(request.sendsJson ? [values.json(operation.request.payload)] : request.sendsPayload ? [JSON.stringify(EXAMPLE_BYTES)] : []),
  ];
  const options = values.properties(operation.request.properties, request.operation.requestProperties, operation.request.payload);
  if (options !== "{}") args.push(options);
  const call = `client.${request.methodName}(${args.join(", ")})`;
  return request.isRequestResponse
    ? [`const response = await ${call};`, "console.log(response.payload);"].join("\n")
    : `await ${call};`;
}

/** A server→client operation handled by the client: the registration and the answer its interaction takes. */
function clientHandler(operation: OperationModel, handler: HandlerView, values: ValueWriter): string {
  const answer = handler.isAck
    ? ["return accept();"]
    : handler.isRequest
      ? [`return reply(${values.replyArguments(operation, handler.operation.responseProperties)});`]
      : [];
  return [`client.${handler.registrationName}((message) => {`, `${INDENT}console.log(message.payload);`, ...answer.map((line) => INDENT + line), "});"].join(
    "\n",
  );
}

/** A member of the server's handlers: it logs what arrived and returns the success response. */
function serverHandler(operation: ServerOperationView, values: ValueWriter): string {
  const response = operation.hasResponse ? [`return ${values.members(operation.response.members, 1)};`] : [];
  const received = operation.message.members.some((member) => member.key === "payload") ? `${operation.argument}.payload` : operation.argument;
  return [
    `${operation.handlerName}(${operation.argument}) {`,
    `${INDENT}console.log(${received});`,
    ...response.map((line) => INDENT + line),
    "},",
  ].join("\n");
}

/** A server→client call to the example client. */
function serverCall(operation: ServerOperationView, values: ValueWriter): string {
  const parameters = new Map(operation.parameters.map((p) => [p.key, p.name]));
  const call = `server.${operation.callName}(${JSON.stringify(EXAMPLE_CLIENT_ID)}, ${values.members(operation.message.members, 0, parameters)})`;
  return operation.isCall ? [`const response = await ${call};`, "console.log(response);"].join("\n") : operation.isNotify ? `${call};` : `await ${call};`;
}

function wholeServer(specName: string, createFunction: string, handlers: readonly string[], calls: readonly string[]): string {
  const body = handlers.flatMap((handler) => handler.split("\n")).map((line) => INDENT.repeat(2) + line);
  return [
    `import { ${createFunction} } from "./${specName}/server.js";`,
    "",
    `const server = await ${createFunction}({`,
    `${INDENT}// Plain MQTT on 1883; with \`tls: { key, cert }\` (node:tls options) it serves TLS on 8883.`,
    `${INDENT}// Accepts every client: decide from the CONNECT's credentials in a real server.`,
    `${INDENT}authenticate: () => ({ accepted: true }),`,
    `${INDENT}handlers: {`,
    ...body,
    `${INDENT}},`,
    "});",
    ...calls,
  ].join("\n");
}

/** Example values as TypeScript expressions, for the types the view-models name. */
class ValueWriter {
  readonly #payloads: ReadonlyMap<string, JsonValue>;

  readonly #parameterExamples: ReadonlyMap<string, string>;

  constructor(
    model: ApiModel,
    private readonly definitions: SchemaDefinitions,
  ) {
    this.#parameterExamples = new Map(model.operations.flatMap((o) => o.topic.parameters).map((p) => [p.name, parameterExample(p)]));
    this.#payloads = new Map(
      model.payloadTypes.map((type) => [`payloads.${payloadTypeName(type.name)}`, type.schema === undefined ? {} : schemaExample(type.schema, definitions)]),
    );
  }

  #parameterExample(name: string): string {
    return this.#parameterExamples.get(name) ?? name;
  }

  /** A named payload's example as a TypeScript object literal. */
  json(payload: OperationModel["request"]["payload"]): string {
    return literal(payloadExample(payload, this.definitions) ?? {}, 0);
  }

  /** The topic levels a client call names, typed as `api.ts` declares them. */
  parameters(parameters: readonly TopicParameterModel[]): string {
    const entries = parameters.map((p) => `${memberKey(p.name)}: ${typed(SCALAR_TS_TYPES[p.type], parameterExample(p))}`);
    return `{ ${entries.join(", ")} }`;
  }

  /** The properties a call sets, required ones and MQTT ones, as the options object. */
  properties(models: readonly PropertyModel[], views: readonly PropertyView[], payload: OperationModel["request"]["payload"]): string {
    const entries = models.flatMap((property, index) => {
      const view = views[index];
      if (view === undefined || !(property.required || property.kind === "first-class")) return [];
      return [`${view.key}: ${typed(view.tsType, propertyExample(property, payload))}`];
    });
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }

  /** `reply(properties, payload)` arguments of a client's answer to a server→client request. */
  replyArguments(operation: OperationModel, views: readonly PropertyView[]): string {
    const success = operation.success;
    const properties = success === undefined ? "{}" : this.properties(success.properties, views, success.payload);
    const payload = success === undefined ? undefined : payloadExample(success.payload, this.definitions);
    if (payload === undefined) return properties;
    return `${properties}, ${success?.payload.kind === "named" ? `JSON.stringify(${literal(payload, 0)})` : JSON.stringify(payload)}`;
  }

  /**
   * An object of a server message's required members, each with its example; `parameters` maps the keys
   * of topic parameter members to the parameters' names.
   */
  members(members: readonly MemberView[], depth: number, parameters: ReadonlyMap<string, string> = new Map()): string {
    const entries = members
      .filter((member) => !member.optional)
      .map((member) => `${member.key}: ${this.memberValue(member, depth + 1, parameters.get(member.key))}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }

  private memberValue(member: MemberView, depth: number, parameter: string | undefined): string {
    if (parameter !== undefined) return typed(member.type, this.#parameterExample(parameter));
    const payload = this.#payloads.get(member.type);
    if (payload !== undefined) return literal(payload, depth);
    if (member.key === "payload") return member.type === "Buffer" ? `Buffer.from(${JSON.stringify(EXAMPLE_BYTES)})` : JSON.stringify(EXAMPLE_BYTES);
    return typed(member.type, member.type === "string" ? "example" : member.type === "Date" ? String(EXAMPLE_TIME_MS) : "1");
  }
}

/** A wire example (`propertyExample`) as a value of the TypeScript type the generated code declares. */
function typed(tsType: string, example: string): string {
  switch (tsType) {
    case "number":
      return String(Number(example));
    case "bigint":
      return `${BigInt(example)}n`;
    case "Date":
      return `new Date(${JSON.stringify(new Date(Number(example)).toISOString())})`;
    default:
      return JSON.stringify(example);
  }
}

/** Longest literal kept on one line. */
const INLINE_WIDTH = 72;

/** A JSON value as a TypeScript literal: on one line when short, otherwise indented for its place. */
function literal(value: JsonValue, depth: number): string {
  const inline = inlineLiteral(value);
  return inline.length <= INLINE_WIDTH ? inline : JSON.stringify(value, null, 2).replace(/\n/g, `\n${INDENT.repeat(depth)}`);
}

function inlineLiteral(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(inlineLiteral).join(", ")}]`;
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const entries = Object.entries(value).map(([key, field]) => `${JSON.stringify(key)}: ${inlineLiteral(field)}`);
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}
