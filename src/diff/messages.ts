/**
 * One message of an operation (or a catalog response), OLD against NEW: its properties, its payload and
 * its prose. The caller says which flows the message travels in; rules judge each fact by them.
 */
import type { MessageModel } from "../model.js";
import { comparePayloads } from "./payloads.js";
import { compareProse, notesText } from "./prose.js";
import { compareProperties } from "./properties.js";
import type { Flow } from "./rules.js";
import type { DiffScope } from "./scope.js";

/** The parts of a message the diff reads; catalog responses have them too. */
export type MessageParts = Pick<MessageModel, "description" | "properties" | "payload" | "notes" | "span">;

export interface MessagePlace {
  /** How messages name it: "`Get Twin` request", "catalog status `0100` `Bad Request`". */
  readonly label: string;
  readonly operation?: string;
  /** Who sends the message: one flow, or both for a catalog response clients and the server answer with. */
  readonly flows: readonly Flow[];
  readonly old: MessageParts;
  readonly new: MessageParts;
}

export function compareMessages(scope: DiffScope, place: MessagePlace): void {
  compareProperties(scope, place);
  comparePayloads(scope, place);
  const site = { operation: place.operation, old: place.old.span, new: place.new.span };
  compareProse(
    scope,
    place.label,
    [
      ["description", place.old.description, place.new.description],
      ["notes", notesText(place.old.notes), notesText(place.new.notes)],
    ],
    site,
  );
}
