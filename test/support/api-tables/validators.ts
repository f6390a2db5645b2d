/**
 * Payload validators for the hand-written test tables, compiled with Ajv from JSON Schemas as generated code
 * will ship them (Ajv's validate function is the runtime's `PayloadValidator` shape).
 */
import { Ajv } from "ajv";
import type { PayloadValidator } from "../../../src/runtime/index.js";

const ajv = new Ajv({ strict: true });

export function validator(schema: object): PayloadValidator {
  return ajv.compile(schema);
}
