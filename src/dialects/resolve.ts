/**
 * A spec's dialect and connection as it declares them (a preset and the fields it overrides), their
 * resolution into the model's `DialectModel` and `ConnectionModel`, and the inverse: the shortest
 * declaration that resolves to a given model, which both spec writers print. Both spec forms write a
 * declaration as the same JSON value (`declarationJson`), under `dialect:` in YAML and under
 * `mqttgen-dialect:` in markdown front matter.
 */
import { canonical } from "../model-json.js";
import type {
  AuthenticationModel,
  CatalogResponseModel,
  ConnectionLimitsModel,
  ConnectionModel,
  ConnectPropertyModel,
  DialectModel,
  DialectName,
  DialectRepliesModel,
  EndpointModel,
  JsonValue,
  MessageKeyModel,
  OutcomeConventionModel,
  RuntimeCondition,
  SourceSpan,
  StatusFormat,
} from "../model.js";
import { RUNTIME_CONDITIONS } from "../model.js";
import { DIALECT_PRESETS, presetConnection } from "./presets.js";

/** `null` removes what the preset sets. */
type Override<T> = T | null;

/** What a spec says about its dialect: the preset it starts from and the fields it changes. */
export interface DialectDeclaration {
  readonly base: DialectName;
  readonly replies?: DialectRepliesModel;
  readonly correlationMaxBytes?: Override<number>;
  readonly messageKey?: Override<MessageKeyModel>;
  readonly outcome?: { readonly [K in keyof OutcomeConventionModel]?: Override<string> };
  readonly statusFormat?: StatusFormat;
  readonly applicationPrefix?: Override<string>;
  readonly undeclaredProperties?: DialectModel["undeclaredProperties"];
  readonly runtimeStatuses?: { readonly [C in RuntimeCondition]?: Override<string> };
  readonly span?: SourceSpan;
}

/** What a spec says about its connection: each part it states replaces the preset's. */
export interface ConnectionDeclaration {
  readonly authentication?: readonly AuthenticationModel[];
  readonly userProperties?: readonly ConnectPropertyModel[];
  readonly limits?: ConnectionLimitsModel;
  readonly endpoint?: EndpointModel;
  readonly span?: SourceSpan;
}

const OUTCOME_KEYS = ["statusProperty", "reasonProperty", "traceProperty"] as const;

/** Statuses the catalog defines; a preset's runtime status applies only where the spec has it. */
type Catalog = readonly Pick<CatalogResponseModel, "status">[];

/**
 * The preset with the declared fields in place. A preset's runtime statuses are kept where the catalog
 * defines them, so that a spec in a preset's dialect never gets a status it lacks; declared ones are kept
 * as declared (validation reports those the catalog lacks).
 */
export function resolveDialect(declaration: DialectDeclaration, catalog: Catalog): DialectModel {
  const preset = DIALECT_PRESETS[declaration.base];
  const defined = new Set(catalog.map((entry) => entry.status));
  const runtimeStatuses: { [C in RuntimeCondition]?: string } = {};
  for (const condition of RUNTIME_CONDITIONS) {
    const declared = declaration.runtimeStatuses?.[condition];
    const status = declared === undefined ? presetStatus(preset.runtimeStatuses[condition], defined) : declared;
    if (status !== null && status !== undefined) runtimeStatuses[condition] = status;
  }
  const outcome: { -readonly [K in keyof OutcomeConventionModel]: string } = {};
  for (const key of OUTCOME_KEYS) {
    const value = override(declaration.outcome?.[key], preset.outcome[key]);
    if (value !== undefined) outcome[key] = value;
  }
  const maxBytes = override(declaration.correlationMaxBytes, preset.correlation.maxBytes);
  const messageKey = override(declaration.messageKey, preset.messageKey);
  const prefix = override(declaration.applicationPrefix, preset.applicationProperties?.prefix);
  return {
    name: preset.name,
    replies: declaration.replies ?? preset.replies,
    correlation: { kind: "correlation-data", ...(maxBytes === undefined ? {} : { maxBytes }) },
    ...(messageKey === undefined ? {} : { messageKey }),
    outcome,
    statusFormat: declaration.statusFormat ?? preset.statusFormat,
    ...(prefix === undefined ? {} : { applicationProperties: { prefix } }),
    undeclaredProperties: declaration.undeclaredProperties ?? preset.undeclaredProperties,
    runtimeStatuses,
    ...(declaration.span ? { span: declaration.span } : {}),
  };
}

/** The preset's connection with the declared parts in place. */
export function resolveConnection(base: DialectName, apiVersion: string, declaration: ConnectionDeclaration): ConnectionModel {
  const preset = presetConnection(base, apiVersion);
  const endpoint = declaration.endpoint ?? preset.endpoint;
  return {
    authentication: declaration.authentication ?? preset.authentication,
    userProperties: declaration.userProperties ?? preset.userProperties,
    limits: declaration.limits ?? preset.limits,
    ...(endpoint ? { endpoint } : {}),
    ...(declaration.span ? { span: declaration.span } : {}),
  };
}

/** The shortest declaration that resolves to `dialect` with this catalog: only the fields that differ. */
export function dialectDeclaration(dialect: DialectModel, catalog: Catalog): DialectDeclaration {
  const plain = resolveDialect({ base: dialect.name }, catalog);
  const runtimeStatuses: { [C in RuntimeCondition]?: Override<string> } = {};
  for (const condition of RUNTIME_CONDITIONS) {
    const status = dialect.runtimeStatuses[condition];
    if (status !== plain.runtimeStatuses[condition]) runtimeStatuses[condition] = status ?? null;
  }
  const outcome: { -readonly [K in keyof OutcomeConventionModel]?: Override<string> } = {};
  for (const key of OUTCOME_KEYS) {
    if (dialect.outcome[key] !== plain.outcome[key]) outcome[key] = dialect.outcome[key] ?? null;
  }
  const prefix = dialect.applicationProperties?.prefix;
  return {
    base: dialect.name,
    ...(same(dialect.replies, plain.replies) ? {} : { replies: dialect.replies }),
    ...(dialect.correlation.maxBytes === plain.correlation.maxBytes
      ? {}
      : { correlationMaxBytes: dialect.correlation.maxBytes ?? null }),
    ...(same(dialect.messageKey ?? null, plain.messageKey ?? null) ? {} : { messageKey: dialect.messageKey ?? null }),
    ...(Object.keys(outcome).length > 0 ? { outcome } : {}),
    ...(dialect.statusFormat === plain.statusFormat ? {} : { statusFormat: dialect.statusFormat }),
    ...(prefix === plain.applicationProperties?.prefix ? {} : { applicationPrefix: prefix ?? null }),
    ...(dialect.undeclaredProperties === plain.undeclaredProperties ? {} : { undeclaredProperties: dialect.undeclaredProperties }),
    ...(Object.keys(runtimeStatuses).length > 0 ? { runtimeStatuses } : {}),
  };
}

/** The parts of `connection` that differ from the preset's: what a spec must state to get it. */
export function connectionDeclaration(base: DialectName, apiVersion: string, connection: ConnectionModel): ConnectionDeclaration {
  const preset = presetConnection(base, apiVersion);
  return {
    ...(same(connection.authentication, preset.authentication) ? {} : { authentication: connection.authentication }),
    ...(same(connection.userProperties, preset.userProperties) ? {} : { userProperties: connection.userProperties }),
    ...(same(connection.limits, preset.limits) ? {} : { limits: connection.limits }),
    ...(same(connection.endpoint ?? null, preset.endpoint ?? null) || connection.endpoint === undefined
      ? {}
      : { endpoint: connection.endpoint }),
  };
}

/** Whether a declaration changes nothing of its preset. */
export function isPlainDeclaration(declaration: DialectDeclaration | ConnectionDeclaration): boolean {
  return Object.keys(declaration).every((key) => key === "base" || key === "span");
}

/**
 * A dialect declaration as both spec forms write it: the preset's name alone, or a mapping of `base` and
 * the overrides (FORMAT.md "Dialect"). `replies` is `{sharedTopic}` or `{requesterPrefix}`, `messageKey`
 * `correlation-data` or `{userProperty}`.
 */
export function declarationJson(declaration: DialectDeclaration): JsonValue {
  if (isPlainDeclaration(declaration)) return declaration.base;
  const { base, replies, correlationMaxBytes, messageKey, outcome, statusFormat, applicationPrefix, undeclaredProperties, runtimeStatuses } =
    declaration;
  const entries: [string, JsonValue | undefined][] = [
    ["base", base],
    ["replies", replies && (replies.kind === "shared-topic" ? { sharedTopic: replies.topic } : { requesterPrefix: replies.prefix })],
    ["correlationMaxBytes", correlationMaxBytes],
    ["messageKey", messageKey && (messageKey.kind === "correlation-data" ? messageKey.kind : { userProperty: messageKey.name })],
    ["outcome", outcome && definedEntries(OUTCOME_KEYS.map((key) => [key, outcome[key]]))],
    ["statusFormat", statusFormat],
    ["applicationPrefix", applicationPrefix],
    ["undeclaredProperties", undeclaredProperties],
    ["runtimeStatuses", runtimeStatuses && definedEntries(RUNTIME_CONDITIONS.map((condition) => [condition, runtimeStatuses[condition]]))],
  ];
  return definedEntries(entries);
}

function definedEntries(entries: readonly (readonly [string, JsonValue | undefined])[]): { [key: string]: JsonValue } {
  return Object.fromEntries(entries.filter((entry): entry is readonly [string, JsonValue] => entry[1] !== undefined));
}

function presetStatus(status: string | undefined, defined: ReadonlySet<string>): string | undefined {
  return status !== undefined && defined.has(status) ? status : undefined;
}

function override<T>(declared: Override<T> | undefined, preset: T | undefined): T | undefined {
  return declared === undefined ? preset : (declared ?? undefined);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a, false)) === JSON.stringify(canonical(b, false));
}
