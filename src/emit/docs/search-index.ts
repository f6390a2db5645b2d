/**
 * The search index of the HTML reference: one entry per operation, topic, property (of messages, of
 * CONNECT and of payload types) and status, each naming the id of the element it lands on. The page's
 * inline script filters it as the reader types; it holds plain text (the script sets it as text), and
 * travels as JSON inside `<script type="application/json">`, where `<` is escaped so no spec text can
 * close the element.
 */
import type { ApiModel } from "../../model.js";
import { connectPropertyAnchor, messageRoles, operationAnchor, payloadTypeAnchor, propertyAnchor, statusAnchor } from "./anchors.js";
import { schemaRows } from "./schema-view.js";

export interface SearchEntry {
  /** What the result shows. */
  readonly label: string;
  /** `operation`, `topic`, `property`, `payload type`, `status`. */
  readonly kind: string;
  /** The id of the element the result links to. */
  readonly id: string;
  /** Lower-case text the query's words are looked up in. */
  readonly text: string;
}

export function searchEntries(model: ApiModel): SearchEntry[] {
  const entry = (label: string, kind: string, id: string, ...more: string[]): SearchEntry => ({
    label,
    kind,
    id,
    text: [label, kind, ...more].join(" ").toLowerCase(),
  });
  return [
    ...model.operations.flatMap((operation) => {
      const anchor = operationAnchor(operation);
      const roles = messageRoles(operation);
      return [
        entry(operation.name, "operation", anchor, operation.id, operation.summary),
        entry(operation.topic.template, "topic", anchor, operation.name),
        ...operation.request.properties.map((p) => entry(p.name, "property", propertyAnchor(operation, roles.request, p.name), operation.name, p.description)),
        ...(operation.success?.properties ?? []).map((p) =>
          entry(p.name, "property", propertyAnchor(operation, roles.success, p.name), operation.name, p.description),
        ),
      ];
    }),
    ...model.connection.userProperties.map((p) => entry(p.name, "property", connectPropertyAnchor(p.name), "CONNECT", p.description)),
    ...model.payloadTypes.flatMap((type) => [
      entry(type.name, "payload type", payloadTypeAnchor(type.name), type.description),
      ...(type.schema === undefined ? [] : schemaRows(type.name, type.schema)).map((row) =>
        entry(`${type.name}.${row.path}`, "property", row.anchor),
      ),
    ]),
    ...model.responses.map((status) => entry(`${status.status} ${status.name}`, "status", statusAnchor(status.status), status.description)),
  ];
}

/** The entries as JSON for a `<script type="application/json">` element. */
export function searchIndexJson(model: ApiModel): string {
  return JSON.stringify(searchEntries(model)).replace(/</g, "\\u003c");
}
