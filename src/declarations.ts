/**
 * What each generated file of a spec declares, per file and scope: the one list that validation checks
 * (every name usable and distinct within its scope, and an exported name meaning one thing across the
 * spec's files) and that the view-models take their names from. `test/emit-declarations/declarations.test.ts` holds the
 * list against the generated files, so it cannot drift from what they declare.
 *
 * Server types are named from the server's side and never reuse a client type's name: `GetTwinRequest` /
 * `GetTwinReply` where the client has `GetTwinOptions` / `GetTwinResponse`, and server→client messages as
 * the server sends them, `CommandsDelivery` or `TwinDesiredStateChangesNotification`, where the client
 * receives a `ReceiveCommandsMessage`.
 */
import type { ApiModel, MessageModel, OperationModel, SourceSpan } from "./model.js";
import { gatewayNeed } from "./model-rules.js";
import { camelCase, pascalCase, payloadTypeName, propertyKey, specStem, statusMemberName, topicParameterKey } from "./names.js";

export type GeneratedFile = "api.ts" | "client.ts" | "server.ts" | "status.ts" | "payloads.ts" | "validators.js";

/** How a name is bound at a file's top level, or `member` inside a declaration. */
export type Binding = "export" | "local" | "import" | "member";

export interface Declaration {
  readonly identifier: string;
  readonly binding: Binding;
  /** What the spec says it names, for diagnostics (`operation "Get Twin"`); empty for a name the file fixes itself. */
  readonly label: string;
  readonly span: SourceSpan | undefined;
}

export interface DeclarationScope {
  readonly file: GeneratedFile;
  /** The declaration whose members the scope holds; empty for the file's top level. */
  readonly owner: string;
  /** Who fixes the scope's own names, as a diagnostic says it (`client options reserve`). */
  readonly reservedBy: string;
  readonly declarations: readonly Declaration[];
}

export interface ClientOperationNames {
  /** Client→server: the client's method; server→client: its handler registration (`onCommands`). */
  readonly method: string;
  /** The request's properties type, when it has properties. */
  readonly properties: string | undefined;
  /** The success response's properties type, for a request-response operation whose success has properties. */
  readonly responseProperties: string | undefined;
  /** The topic levels the caller chooses, declared by api.ts, when there are any. */
  readonly parameters: string | undefined;
  /** Client→server: the method's options. */
  readonly options: string | undefined;
  /** Client→server request-response: the success response. */
  readonly response: string | undefined;
  /** Server→client: the received message and its handler. */
  readonly message: string | undefined;
  readonly handler: string | undefined;
  readonly types: string;
}

export interface ServerOperationNames {
  /** Client→server: the member of the handlers interface; server→client: the call method. */
  readonly method: string;
  /** The first message, as the server receives or sends it. */
  readonly message: string;
  /** Request-response: the response, as a handler returns it or a call resolves with it. */
  readonly reply: string | undefined;
}

export interface ClientNames {
  readonly className: string;
  readonly optionsType: string;
  readonly operationsType: string;
  readonly operations: ReadonlyMap<string, ClientOperationNames>;
}

export interface ServerNames {
  readonly serverClass: string;
  readonly handlersType: string;
  readonly optionsType: string;
  readonly createFunction: string;
  readonly callsClass: string;
  readonly workerClass: string;
  readonly workerOptionsType: string;
  readonly createWorkerFunction: string;
  /** Only for a dialect that needs gateways to run through a broker. */
  readonly createGatewayFunction: string | undefined;
  readonly operations: ReadonlyMap<string, ServerOperationNames>;
}

export interface SpecDeclarations {
  readonly scopes: readonly DeclarationScope[];
  /** The API table api.ts exports (`iothubApi`). */
  readonly table: string;
  /** api.ts's topic-parameter types, by operation id. */
  readonly parameters: ReadonlyMap<string, string>;
  readonly client: ClientNames;
  readonly server: ServerNames;
  /** Members of status.ts's `Status`, by status. */
  readonly statusMembers: ReadonlyMap<string, string>;
  /** status.ts's error classes, by failing status. */
  readonly errorClasses: ReadonlyMap<string, string>;
  /** payloads.ts's types, by payload type name. */
  readonly payloadTypes: ReadonlyMap<string, string>;
  /**
   * validators.js's checks, by payload type name, for each type with a schema (the file exports those Ajv
   * compiles, src/emit/validators/module.ts). Ajv's own names there (`validate10`, `schema11`) are a
   * lowercase word and digits, which `validate` followed by a payload type name never is.
   */
  readonly validators: ReadonlyMap<string, string>;
}

/** Keys of the option objects of client methods besides request properties. */
const CLIENT_OPTION_KEYS = ["timeoutMs", "signal", "qos", "applicationProperties"];

/** Members of server.ts message objects besides properties and topic levels. */
const SERVER_MESSAGE_MEMBERS = ["payload", "raw", "applicationProperties", "extra", "parameters"];

/**
 * What server.ts may import from the runtime's server entry and from status.ts: its view-model's
 * references take only these names, so this list is all that file can bind besides its own.
 */
export const SERVER_RUNTIME_IMPORTS = [
  "CreateWorkerOptions",
  "GatewayOptions",
  "MqttGateway",
  "MqttServerEndpoint",
  "ServerDeliveryResult",
  "ServerEndpointOptions",
  "ServerHandlerContext",
  "ServerTransport",
  "TypedCallEntry",
  "TypedCallOptions",
  "TypedDeliverOptions",
  "TypedHandlerNames",
  "TypedInboundExtras",
  "TypedOutboundExtras",
  "TypedServerCalls",
  "Worker",
  "createGateway",
  "createWorker",
  "typedHandlers",
] as const;

export type ServerRuntimeImport = (typeof SERVER_RUNTIME_IMPORTS)[number];

export const SERVER_STATUS_IMPORTS = ["ApiError", "FailureStatus", "STATUS_INFO", "errorForOutcome"] as const;

export type ServerStatusImport = (typeof SERVER_STATUS_IMPORTS)[number];

/** Bound at server.ts's top level besides the runtime's and status.ts's names: node:net's type and the payloads namespace. */
const SERVER_OTHER_IMPORTS = ["AddressInfo", "payloads"];

const STATUS_EXPORTS = [
  "Status",
  "StatusClass",
  "StatusInfo",
  "STATUS_INFO",
  "parseKnownStatus",
  "ApiStatusError",
  "UnknownStatusError",
  "FailureStatus",
  "ApiError",
  "errorForOutcome",
  "isApiError",
];

const cache = new WeakMap<ApiModel, Map<string, SpecDeclarations>>();

/** The declarations of the files generated for `model` under the type-name stem `typeName` (`iothub`). */
export function declarationsOf(model: ApiModel, typeName: string): SpecDeclarations {
  let byName = cache.get(model);
  if (byName === undefined) {
    byName = new Map();
    cache.set(model, byName);
  }
  let declarations = byName.get(typeName);
  if (declarations === undefined) {
    declarations = declare(model, typeName);
    byName.set(typeName, declarations);
  }
  return declarations;
}

/** One scope being listed: fixed names first, so that a clash is reported at the spec's name. */
class ScopeList {
  readonly #declarations: Declaration[] = [];

  constructor(
    readonly file: GeneratedFile,
    readonly owner: string,
    readonly reservedBy: string,
  ) {}

  fixed(binding: Binding, identifiers: readonly string[]): void {
    for (const identifier of identifiers) this.#declarations.push({ identifier, binding, label: "", span: undefined });
  }

  add(identifier: string, binding: Binding, label: string, span: SourceSpan | undefined): string {
    this.#declarations.push({ identifier, binding, label, span });
    return identifier;
  }

  scope(): DeclarationScope {
    return { file: this.file, owner: this.owner, reservedBy: this.reservedBy, declarations: this.#declarations };
  }
}

function operationLabel(operation: OperationModel): string {
  return `operation "${operation.name}"`;
}

/** One operation per id: repeated ids are the operation check's to report. */
function distinctOperations(model: ApiModel): OperationModel[] {
  return model.operations.filter((o, i, all) => all.findIndex((q) => q.id === o.id) === i);
}

function declare(model: ApiModel, typeName: string): SpecDeclarations {
  const stem = specStem(typeName);
  const specLabel = `spec name "${typeName}"`;
  const operations = distinctOperations(model);
  const api = new ScopeList("api.ts", "", "api.ts declares itself");
  api.fixed("import", ["defineApi", "ApiTable", "validators"]);
  const table = api.add(`${stem.charAt(0).toLowerCase()}${stem.slice(1)}Api`, "export", specLabel, undefined);
  const parameters = new Map<string, string>();
  for (const operation of operations) {
    if (operation.topic.parameters.some((p) => p.scope === "free")) {
      parameters.set(operation.id, api.add(`${pascalCase(operation.name)}Parameters`, "export", operationLabel(operation), operation.span));
    }
  }
  const facts: SpecFacts = { model, operations, stem, specLabel, table, parameters };
  const client = clientDeclarations(facts);
  const server = serverDeclarations(facts);
  const status = statusDeclarations(model);
  const payloads = payloadDeclarations(model);
  return {
    scopes: [api.scope(), ...client.scopes, ...server.scopes, ...status.scopes, ...payloads.scopes],
    table,
    parameters,
    client: client.names,
    server: server.names,
    statusMembers: status.members,
    errorClasses: status.errorClasses,
    payloadTypes: payloads.types,
    validators: payloads.validators,
  };
}

/** status.ts: an error class per failing status beside the file's own names, and a `Status` member per status. */
function statusDeclarations(model: ApiModel): {
  scopes: DeclarationScope[];
  members: Map<string, string>;
  errorClasses: Map<string, string>;
} {
  const top = new ScopeList("status.ts", "", "status.ts declares itself");
  top.fixed("import", ["StatusError", "canonicalStatus", "OutcomeDetails"]);
  top.fixed("export", STATUS_EXPORTS);
  top.fixed("local", ["StatusErrors", "ErrorClass", "ERROR_CLASSES"]);
  const statusMembers = new ScopeList("status.ts", "Status", "");
  const members = new Map<string, string>();
  const errorClasses = new Map<string, string>();
  // One entry per status: a repeated status is the catalog check's to report.
  for (const response of model.responses.filter((r, i, all) => all.findIndex((q) => q.status === r.status) === i)) {
    const label = `status "${response.name}"`;
    members.set(response.status, statusMembers.add(statusMemberName(response), "member", label, response.span));
    if (response.statusClass !== "success") {
      errorClasses.set(response.status, top.add(`${statusMemberName(response)}Error`, "export", label, response.span));
    }
  }
  return { scopes: [top.scope(), statusMembers.scope()], members, errorClasses };
}

/** payloads.ts's type and validators.js's check of each payload type (a check only where it has a schema). */
function payloadDeclarations(model: ApiModel): {
  scopes: DeclarationScope[];
  types: Map<string, string>;
  validators: Map<string, string>;
} {
  const payloads = new ScopeList("payloads.ts", "", "payloads.ts declares itself");
  const checks = new ScopeList("validators.js", "", "validators.js declares itself");
  checks.fixed("import", ["PayloadValidator"]);
  const types = new Map<string, string>();
  const validators = new Map<string, string>();
  for (const payload of model.payloadTypes) {
    // A type defined twice is the payload check's to report.
    if (types.has(payload.name)) continue;
    const label = `payload type "${payload.name}"`;
    types.set(payload.name, payloads.add(payloadTypeName(payload.name), "export", label, payload.span));
    if (payload.schema !== undefined) {
      validators.set(payload.name, checks.add(`validate${payloadTypeName(payload.name)}`, "export", label, payload.span));
    }
  }
  return { scopes: [payloads.scope(), checks.scope()], types, validators };
}

/** What the client and server lists start from: the spec's operations and the names api.ts declares. */
interface SpecFacts {
  readonly model: ApiModel;
  /** One operation per id. */
  readonly operations: readonly OperationModel[];
  /** The type-name stem (`Iothub`) and how diagnostics name what is made from it. */
  readonly stem: string;
  readonly specLabel: string;
  readonly table: string;
  readonly parameters: ReadonlyMap<string, string>;
}

function clientDeclarations({ operations, stem, specLabel, table, parameters }: SpecFacts): { scopes: DeclarationScope[]; names: ClientNames } {
  const top = new ScopeList("client.ts", "", "client.ts declares itself");
  top.fixed("export", ["abandon", "accept", "fail", "reject", "reply"]);
  top.fixed("import", ["runtime", "payloads", "errorForOutcome"]);
  top.add(table, "import", specLabel, undefined);
  const className = top.add(`${stem}Client`, "export", specLabel, undefined);
  const optionsType = top.add(`${stem}ClientOptions`, "export", specLabel, undefined);
  const operationsType = top.add(`${stem}Operations`, "export", specLabel, undefined);
  const methods = new ScopeList("client.ts", className, `${className} declares itself`);
  methods.fixed("member", ["device", "connect", "close"]);
  const memberScopes: DeclarationScope[] = [];
  const names = new Map<string, ClientOperationNames>();
  for (const operation of operations) {
    const label = operationLabel(operation);
    const at = operation.span;
    const type = (role: string) => top.add(`${pascalCase(operation.name)}${role}`, "export", label, at);
    const toServer = operation.direction === "client-to-server";
    const requestResponse = operation.interaction === "request-response";
    const parametersType = parameters.get(operation.id);
    if (parametersType !== undefined) top.add(parametersType, "import", label, at);
    const properties = operation.request.properties.length > 0 ? type("Properties") : undefined;
    const success = requestResponse ? (operation.success?.properties ?? []) : [];
    const responseProperties = success.length > 0 ? type("ResponseProperties") : undefined;
    const options = toServer ? type("Options") : undefined;
    const response = toServer && requestResponse ? type("Response") : undefined;
    const message = toServer ? undefined : type("Message");
    const handler = toServer ? undefined : type("Handler");
    const types = type("Types");
    const method = methods.add(
      toServer ? camelCase(operation.name) : `on${pascalCase(operation.name.replace(/^\s*receive\s+/i, ""))}`,
      "member",
      label,
      at,
    );
    if (properties !== undefined) memberScopes.push(propertyScope("client.ts", properties, operation, operation.request, []));
    if (responseProperties !== undefined && operation.success !== undefined) {
      memberScopes.push(propertyScope("client.ts", responseProperties, operation, operation.success, []));
    }
    if (options !== undefined) {
      memberScopes.push(propertyScope("client.ts", options, operation, operation.request, CLIENT_OPTION_KEYS, "client options reserve"));
    }
    names.set(operation.id, { method, properties, responseProperties, parameters: parametersType, options, response, message, handler, types });
  }
  return {
    scopes: [top.scope(), methods.scope(), ...memberScopes],
    names: { className, optionsType, operationsType, operations: names },
  };
}

/** The members of a type holding a message's properties, after the names its file fixes there. */
function propertyScope(
  file: GeneratedFile,
  owner: string,
  operation: OperationModel,
  message: MessageModel,
  fixed: readonly string[],
  reservedBy = "",
  leading: readonly { readonly key: string; readonly label: string; readonly span: SourceSpan | undefined }[] = [],
): DeclarationScope {
  const scope = new ScopeList(file, owner, reservedBy);
  scope.fixed("member", fixed);
  for (const { key, label, span } of leading) scope.add(key, "member", label, span);
  const properties = message.properties.filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i);
  for (const property of properties) {
    scope.add(propertyKey(property), "member", `property "${property.name}" of "${operation.name}"`, property.span);
  }
  return scope.scope();
}

/** `Receive Commands` → `Commands`: server names drop the client's verb. */
function serverStem(operation: OperationModel): string {
  return pascalCase(operation.name.replace(/^\s*receive\s+/i, ""));
}

/** The server's type of an operation's first message, by what the server does with it. */
function serverMessageRole(operation: OperationModel): string {
  if (operation.interaction === "request-response") return "Request";
  if (operation.direction === "client-to-server") return "Message";
  return operation.interaction === "message-ack" ? "Delivery" : "Notification";
}

/** Server call for a server→client operation: deliver (message-ack), call (request-response), notify (message). */
const CALL_VERBS = { "message-ack": "deliver", "request-response": "call", message: "notify" } as const;

function serverDeclarations({ model, operations, stem, specLabel, table, parameters }: SpecFacts): { scopes: DeclarationScope[]; names: ServerNames } {
  const top = new ScopeList("server.ts", "", "server.ts declares itself");
  top.fixed("import", [...SERVER_RUNTIME_IMPORTS, ...SERVER_STATUS_IMPORTS, ...SERVER_OTHER_IMPORTS]);
  top.fixed("export", ["Awaitable", "statusError"]);
  top.fixed("local", ["HANDLERS", "CALLS"]);
  top.add(table, "import", specLabel, undefined);
  const spec = (identifier: string) => top.add(identifier, "export", specLabel, undefined);
  const serverClass = spec(`${stem}Server`);
  const handlersType = spec(`${stem}Handlers`);
  const optionsType = spec(`${stem}ServerOptions`);
  const createFunction = spec(`create${stem}Server`);
  const callsClass = spec(`${stem}Calls`);
  const workerClass = spec(`${stem}Worker`);
  const workerOptionsType = spec(`${stem}WorkerOptions`);
  const createWorkerFunction = spec(`create${stem}Worker`);
  const createGatewayFunction = gatewayNeed(model) === undefined ? undefined : spec(`create${stem}Gateway`);
  const handlers = new ScopeList("server.ts", handlersType, "");
  const calls = new ScopeList("server.ts", callsClass, `${serverClass} and ${workerClass} declare themselves`);
  calls.fixed("member", ["endpoint", "listen", "address", "close", "isConnected", "worker"]);
  const messageScopes: DeclarationScope[] = [];
  const names = new Map<string, ServerOperationNames>();
  for (const operation of operations) {
    const label = operationLabel(operation);
    const at = operation.span;
    const toServer = operation.direction === "client-to-server";
    const parametersType = parameters.get(operation.id);
    if (toServer && parametersType !== undefined) top.add(parametersType, "import", label, at);
    const message = top.add(`${serverStem(operation)}${serverMessageRole(operation)}`, "export", label, at);
    const reply =
      operation.interaction === "request-response" && operation.success !== undefined
        ? top.add(`${serverStem(operation)}Reply`, "export", label, at)
        : undefined;
    const method = toServer
      ? handlers.add(camelCase(operation.name), "member", label, at)
      : calls.add(`${CALL_VERBS[operation.interaction]}${serverStem(operation)}`, "member", label, at);
    // Server→client messages carry their topic levels as members; client→server ones under `parameters`.
    const levels = toServer
      ? []
      : operation.topic.parameters
          .filter((p) => p.scope === "free")
          .map((p) => ({ key: topicParameterKey(p.name), label: `topic parameter "${p.name}" of "${operation.name}"`, span: operation.topic.span }));
    messageScopes.push(propertyScope("server.ts", message, operation, operation.request, SERVER_MESSAGE_MEMBERS, "server messages reserve", levels));
    if (reply !== undefined && operation.success !== undefined) {
      messageScopes.push(propertyScope("server.ts", reply, operation, operation.success, SERVER_MESSAGE_MEMBERS, "server messages reserve"));
    }
    names.set(operation.id, { method, message, reply });
  }
  return {
    scopes: [top.scope(), handlers.scope(), calls.scope(), ...messageScopes],
    names: {
      serverClass,
      handlersType,
      optionsType,
      createFunction,
      callsClass,
      workerClass,
      workerOptionsType,
      createWorkerFunction,
      createGatewayFunction,
      operations: names,
    },
  };
}
