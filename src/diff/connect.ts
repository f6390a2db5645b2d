/**
 * What a client must do to connect, OLD against NEW: the api-version CONNECT states (the dialect says
 * whether it does), the ways to authenticate, the CONNECT user properties and the limits the server
 * announces in CONNACK. Deployed clients keep connecting as OLD says, so whatever NEW asks more of them
 * or refuses breaks them, and whatever NEW asks less of them is compatible.
 */
import { CONNECTION_LIMITS, type AuthenticationModel, type ConnectionLimitsModel, type ConnectPropertyModel, type EndpointModel } from "../model.js";
import { connectedTransport, LIMIT_RULES } from "../model-rules.js";
import { code, codeOrNone, type Site } from "./change.js";
import { compareProse } from "./prose.js";
import { typeChange } from "./scalars.js";
import type { DiffScope } from "./scope.js";

export function compareConnect(scope: DiffScope): void {
  compareApiVersion(scope);
  const site: Site = { old: scope.old.connection.span ?? scope.old.span, new: scope.new.connection.span ?? scope.new.span };
  compareAuthentication(scope, site);
  compareConnectProperties(scope, site);
  compareLimits(scope, site);
  compareEndpoints(scope, site);
}

function compareApiVersion(scope: DiffScope): void {
  if (scope.old.apiVersion === scope.new.apiVersion) return;
  scope.recorder.report(
    "api-version-changed",
    { old: scope.old.span, new: scope.new.span },
    { from: code(scope.old.apiVersion), to: code(scope.new.apiVersion) },
    { conditions: () => (scope.dialects.new.connectStatesApiVersion ? ["connect-states-api-version"] : []) },
  );
}

/** Ways to authenticate pair by kind; within a kind, the Authentication Method must stay. */
function compareAuthentication(scope: DiffScope, site: Site): void {
  const before = scope.old.connection.authentication;
  const after = scope.new.connection.authentication;
  for (const way of after) {
    const previous = before.find((w) => w.kind === way.kind);
    if (previous === undefined) scope.recorder.report("authentication-added", site, { kind: code(way.kind) });
    else if (methodOf(previous) !== methodOf(way)) {
      scope.recorder.report("authentication-method-changed", site, { kind: code(way.kind), from: codeOrNone(methodOf(previous)), to: codeOrNone(methodOf(way)) });
    }
  }
  for (const way of before.filter((w) => !after.some((b) => b.kind === w.kind))) {
    scope.recorder.report("authentication-removed", site, { kind: code(way.kind) });
  }
}

function methodOf(way: AuthenticationModel): string | undefined {
  return "method" in way ? way.method : undefined;
}

/** CONNECT user properties pair by name; one fixed to the api-version is the api-version rule's. */
function compareConnectProperties(scope: DiffScope, site: Site): void {
  const statesVersion = (property: ConnectPropertyModel, apiVersion: string): boolean => property.value !== undefined && property.value === apiVersion;
  const before = scope.old.connection.userProperties;
  const after = scope.new.connection.userProperties;
  for (const property of after) {
    const previous = before.find((p) => p.name === property.name);
    const at: Site = { old: previous?.span ?? site.old, new: property.span ?? site.new };
    const params = { property: code(property.name) };
    if (previous === undefined) {
      scope.recorder.report(property.required ? "connect-property-added-required" : "connect-property-added-optional", at, params);
      continue;
    }
    if (previous.required !== property.required) {
      scope.recorder.report(property.required ? "connect-property-made-required" : "connect-property-made-optional", at, params);
    }
    const versionBoth = statesVersion(previous, scope.old.apiVersion) && statesVersion(property, scope.new.apiVersion);
    // A value set or changed refuses what deployed clients send; a value dropped asks less of them, but
    // the client runtime fills in only fixed values, so code must then give a required one itself.
    if (property.value !== undefined && previous.value !== property.value && !versionBoth) {
      scope.recorder.report("connect-property-value-changed", at, { ...params, from: codeOrNone(previous.value), to: code(property.value) });
    } else if (property.value === undefined && previous.value !== undefined && property.required) {
      scope.recorder.report("connect-property-value-dropped", at, { ...params, from: code(previous.value) });
    }
    if (previous.type !== property.type) {
      // Only clients send CONNECT, and client code passes its properties as text: the wire alone decides.
      const fact = `connect-property-type-${typeChange(previous.type, property.type)}` as const;
      scope.recorder.report(fact, at, { ...params, from: code(previous.type), to: code(property.type) });
    }
    compareProse(scope, `CONNECT property ${code(property.name)}`, [["description", previous.description, property.description]], at);
  }
  for (const previous of before.filter((p) => !after.some((b) => b.name === p.name))) {
    scope.recorder.report("connect-property-removed", { old: previous.span ?? site.old, new: site.new }, { property: code(previous.name) });
  }
}

/** A limit not stated is MQTT 5's: the largest value allowed, except Topic Alias Maximum, whose default is 0 (no aliases). */
function effectiveLimit(limits: ConnectionLimitsModel, limit: keyof ConnectionLimitsModel): number {
  return limits[limit] ?? (limit === "topicAliasMaximum" ? 0 : LIMIT_RULES[limit].max);
}

function compareLimits(scope: DiffScope, site: Site): void {
  const before = scope.old.connection.limits;
  const after = scope.new.connection.limits;
  for (const limit of CONNECTION_LIMITS) {
    const [was, is] = [effectiveLimit(before, limit), effectiveLimit(after, limit)];
    if (was === is) continue;
    const params = { limit: LIMIT_RULES[limit].label, from: limitText(before[limit]), to: limitText(after[limit]) };
    scope.recorder.report(is < was ? "limit-tightened" : "limit-loosened", site, params);
  }
}

/** Where clients connect, each part as a client reaches it (an unstated port or TLS is the default). */
function effectiveEndpoint(endpoint: EndpointModel | undefined): readonly (readonly [string, string | undefined])[] {
  const { tls, port } = connectedTransport(endpoint);
  return [
    ["host", endpoint?.host],
    ["port", String(port)],
    ["TLS", tls ? "on" : "off"],
    ["WebSocket path", endpoint?.websocketPath],
  ];
}

function compareEndpoints(scope: DiffScope, site: Site): void {
  const before = effectiveEndpoint(scope.old.connection.endpoint);
  const after = effectiveEndpoint(scope.new.connection.endpoint);
  for (const [index, [what, is]] of after.entries()) {
    const was = before[index]?.[1];
    if (was !== is) scope.recorder.report("endpoint-changed", site, { what, from: codeOrNone(was), to: codeOrNone(is) });
  }
}

function limitText(value: number | undefined): string {
  return value === undefined ? "MQTT 5's default" : code(value);
}
