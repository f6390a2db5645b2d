/**
 * MQTT properties of one message, OLD against NEW: added, removed, required or not, type, and moves
 * between user properties and first-class MQTT 5 properties. Properties pair by wire name; a user and a
 * first-class property with the same generated key (`content-type`, `Content Type`) pair as a move.
 */
import type { PropertyModel } from "../model.js";
import { propertyKey } from "../names.js";
import { code, type Judgement, type Site } from "./change.js";
import { propertyConditions } from "./dialect.js";
import type { MessagePlace } from "./messages.js";
import { compareProse } from "./prose.js";
import { typeChange } from "./scalars.js";
import type { DiffScope } from "./scope.js";

export function compareProperties(scope: DiffScope, place: MessagePlace): void {
  const before = place.old.properties;
  const after = place.new.properties;
  const judgement: Judgement = {
    flows: place.flows,
    conditions: (flow) => (flow === undefined ? [] : propertyConditions(flow, scope.dialects)),
  };
  const paired = pairProperties(before, after);
  for (const property of after) {
    const previous = paired.get(property);
    const site: Site = { operation: place.operation, new: property.span, ...(previous ? { old: previous.span } : {}) };
    const params = { message: place.label, property: code(property.name) };
    if (previous === undefined) {
      scope.recorder.report(property.required ? "property-added-required" : "property-added-optional", site, params, judgement);
      continue;
    }
    if (previous.kind !== property.kind) {
      scope.recorder.report("property-kind-changed", site, { ...params, from: describeKind(previous), to: describeKind(property) });
    }
    if (previous.required !== property.required) {
      scope.recorder.report(property.required ? "property-made-required" : "property-made-optional", site, params, judgement);
    }
    if (previous.type !== property.type) {
      const fact = `property-type-${typeChange(previous.type, property.type)}` as const;
      scope.recorder.report(fact, site, { ...params, from: code(previous.type), to: code(property.type) }, judgement);
    }
    compareProse(scope, `${place.label} property ${code(property.name)}`, [["description", previous.description, property.description]], site);
  }
  const kept = new Set(paired.values());
  for (const property of before.filter((p) => !kept.has(p))) {
    const site: Site = { operation: place.operation, old: property.span, new: place.new.span };
    const fact = property.required ? "property-removed-required" : "property-removed-optional";
    scope.recorder.report(fact, site, { message: place.label, property: code(property.name) }, judgement);
  }
}

/** NEW property → the OLD property it continues. */
function pairProperties(before: readonly PropertyModel[], after: readonly PropertyModel[]): Map<PropertyModel, PropertyModel> {
  const pairs = new Map<PropertyModel, PropertyModel>();
  const unpaired = new Set(before);
  for (const property of after) {
    const same = before.find((p) => p.name === property.name);
    if (same !== undefined) {
      pairs.set(property, same);
      unpaired.delete(same);
    }
  }
  for (const property of after.filter((p) => !pairs.has(p))) {
    const moved = [...unpaired].find((p) => p.kind !== property.kind && propertyKey(p) === propertyKey(property));
    if (moved !== undefined) {
      pairs.set(property, moved);
      unpaired.delete(moved);
    }
  }
  return pairs;
}

function describeKind(property: PropertyModel): string {
  return property.kind === "user" ? `user property ${code(property.name)}` : `MQTT 5 property ${code(property.name)}`;
}
