/**
 * The one naming pass for generated identifiers. Validation uses it to report clashes and reserved words
 * as diagnostics; view-models use it to name things. A name that passes validation is always a usable
 * identifier, so emitters never have to check.
 */
import type { CatalogResponseModel, OperationModel, PropertyModel } from "./model.js";

/** Reserved words of JavaScript and TypeScript, including strict-mode and contextual ones that break declarations. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await any boolean number string " +
    "symbol bigint never unknown object undefined arguments eval constructor prototype"
  ).split(" "),
);

function words(text: string): string[] {
  return text
    .normalize("NFC")
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

export function pascalCase(text: string): string {
  return words(text).map(capitalise).join("");
}

export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** Whether `name` can stand as a binding identifier in generated code. */
export function isUsableIdentifier(name: string): boolean {
  return /^[\p{ID_Start}_$][\p{ID_Continue}$\u200C\u200D]*$/u.test(name) && !RESERVED_WORDS.has(name);
}

/** Client method (`getTwin`, `sendTelemetry`) or server-side call name of an operation. */
export function operationMethodName(operation: Pick<OperationModel, "name">): string {
  return camelCase(operation.name);
}

/** Handler registration for a server→client operation: `Receive Commands` → `onCommands`. */
export function handlerRegistrationName(operation: Pick<OperationModel, "name">): string {
  return `on${pascalCase(operation.name.replace(/^\s*receive\s+/i, ""))}`;
}

/** Key of a property in typed property objects: `if-version` → `ifVersion`, `Content Type` → `contentType`. */
export function propertyKey(property: Pick<PropertyModel, "name">): string {
  return camelCase(property.name);
}

/** Enum member and error-class stem of a catalog status: `Target Unavailable` → `TargetUnavailable`. */
export function statusMemberName(response: Pick<CatalogResponseModel, "name">): string {
  return pascalCase(response.name);
}

export function statusErrorClassName(response: Pick<CatalogResponseModel, "name">): string {
  return `${statusMemberName(response)}Error`;
}

/** Generated type of a named payload (`Twin`, `TwinState`). */
export function payloadTypeName(name: string): string {
  return pascalCase(name);
}

/** The generated client class of a spec, from its file name: `iothub` → `IothubClient`. */
export function clientClassName(specName: string): string {
  return `${specStem(specName)}Client`;
}

/** The interface of a spec's operation types keyed by operation id: `iothub` → `IothubOperations`. */
export function clientOperationsTypeName(specName: string): string {
  return `${specStem(specName)}Operations`;
}

/** The connect options of a spec's client: `iothub` → `IothubClientOptions`. */
export function clientOptionsTypeName(specName: string): string {
  return `${clientClassName(specName)}Options`;
}

/** A spec file name as a type-name stem; a name that would not start an identifier gets an `Api` prefix. */
export function specStem(specName: string): string {
  const stem = pascalCase(specName);
  return /^[A-Za-z]/.test(stem) ? stem : `Api${stem}`;
}

/** What a generated per-operation type describes; the suffix of its name. */
export type OperationTypeRole =
  "Properties" | "ResponseProperties" | "Parameters" | "Options" | "Response" | "Message" | "Handler" | "Types";

/** Per-operation types of the client: `Send Telemetry` + `Properties` → `SendTelemetryProperties`. */
export function operationTypeName(operation: Pick<OperationModel, "name">, role: OperationTypeRole): string {
  return `${pascalCase(operation.name)}${role}`;
}

/** Keys of the option objects of client methods, which property keys must not take. */
export const CLIENT_OPTION_KEYS: ReadonlySet<string> = new Set(["timeoutMs", "signal", "qos", "applicationProperties"]);

/** Stem of an operation's generated server types: `Get Twin` → `GetTwin`, `Receive Commands` → `Commands`. */
export function serverTypeStem(operation: Pick<OperationModel, "name">): string {
  return pascalCase(operation.name.replace(/^\s*receive\s+/i, ""));
}

/**
 * The types `server.ts` declares for an operation's messages: `GetTwinRequest` and `GetTwinResponse` for
 * request-response, `SendTelemetryMessage` for the others.
 */
export function serverMessageTypeNames(
  operation: Pick<OperationModel, "name" | "interaction">,
): { readonly message: string; readonly response: string | undefined } {
  const stem = serverTypeStem(operation);
  return operation.interaction === "request-response"
    ? { message: `${stem}Request`, response: `${stem}Response` }
    : { message: `${stem}Message`, response: undefined };
}

/** Members of `server.ts` message objects besides properties and topic parameters, which those must not take. */
export const SERVER_MESSAGE_MEMBERS: ReadonlySet<string> = new Set(["payload", "raw", "applicationProperties", "extra", "parameters"]);

/** Server call for a server→client operation: deliver (message-ack), call (request-response), notify (message). */
export function serverCallName(operation: Pick<OperationModel, "name" | "interaction">): string {
  const verb = { "message-ack": "deliver", "request-response": "call", message: "notify" }[operation.interaction];
  return `${verb}${serverTypeStem(operation)}`;
}

/** Key of a topic parameter in typed call objects: `{name}` → `name`, `{device-id}` → `deviceId`. */
export function topicParameterKey(parameter: string): string {
  return camelCase(parameter);
}

/** The generated server's exported names for a spec: `iothub` → `IothubServer`, `createIothubServer`, … */
export function serverNames(specName: string): { server: string; handlers: string; options: string; create: string } {
  const stem = specStem(specName);
  return { server: `${stem}Server`, handlers: `${stem}Handlers`, options: `${stem}ServerOptions`, create: `create${stem}Server` };
}

/** The API table `api.ts` exports, which client.ts and server.ts import: `iothub` → `iothubApi`. */
export function apiTableName(specName: string): string {
  const stem = specStem(specName);
  return `${stem.charAt(0).toLowerCase()}${stem.slice(1)}Api`;
}

/** The check `validators.ts` exports for a payload type with a JSON Schema: `TwinState` → `validateTwinState`. */
export function payloadValidatorName(payloadType: string): string {
  return `validate${payloadTypeName(payloadType)}`;
}
