/**
 * The hub's control surface on stdin, one command a line:
 *   command <device> <payload text>        queue a command
 *   method <device> <name> [payload text]  call a direct method
 *   desired <device> <JSON object>         patch the desired state and push it
 *   twin <device>                          print the twin
 *   help
 */
import { parseJson } from "@mqttgen/runtime";
import { describeError } from "./describe.js";
import type { HubApplication } from "./hub-application.js";

export type ControlCommand =
  | { readonly kind: "command"; readonly deviceId: string; readonly payload: string }
  | { readonly kind: "method"; readonly deviceId: string; readonly name: string; readonly payload: string }
  | { readonly kind: "desired"; readonly deviceId: string; readonly patch: Record<string, unknown> }
  | { readonly kind: "twin"; readonly deviceId: string }
  | { readonly kind: "help" }
  | { readonly kind: "empty" }
  | { readonly kind: "invalid"; readonly problem: string };

export const CONTROL_HELP = [
  "command <device> <payload>        queue a command",
  "method <device> <name> [payload]  call a direct method",
  "desired <device> <JSON object>    patch the desired state",
  "twin <device>                     print the twin",
].join("\n");

export function parseControlLine(line: string): ControlCommand {
  const match = /^\s*(\S+)(?:\s+(\S+))?(?:\s+(.*?))?\s*$/.exec(line);
  if (match === null) return { kind: "empty" };
  const [, verb, deviceId, rest = ""] = match;
  if (verb === "help") return { kind: "help" };
  if (deviceId === undefined) return { kind: "invalid", problem: `${verb} needs a device id (try help)` };
  switch (verb) {
    case "command":
      return { kind: "command", deviceId, payload: rest };
    case "method": {
      const [name, ...payload] = rest.split(/\s+(.*)/s);
      if (name === undefined || name === "") return { kind: "invalid", problem: "method needs a method name" };
      return { kind: "method", deviceId, name, payload: payload.join("") };
    }
    case "desired": {
      const patch = parseObject(rest);
      return patch === undefined
        ? { kind: "invalid", problem: "desired needs a JSON object" }
        : { kind: "desired", deviceId, patch };
    }
    case "twin":
      return { kind: "twin", deviceId };
    default:
      return { kind: "invalid", problem: `unknown command ${verb} (try help)` };
  }
}

/** Runs one control line against the hub; results and problems go to `print`. Never throws. */
export async function runControlLine(hub: HubApplication, line: string, print: (text: string) => void): Promise<void> {
  const command = parseControlLine(line);
  try {
    switch (command.kind) {
      case "empty":
        return;
      case "help":
        print(CONTROL_HELP);
        return;
      case "invalid":
        print(command.problem);
        return;
      case "command":
        await hub.sendCommand(command.deviceId, command.payload);
        return;
      case "method":
        await hub.invokeMethod(command.deviceId, command.name, command.payload);
        return;
      case "desired":
        await hub.patchDesired(command.deviceId, command.patch);
        return;
      case "twin":
        print(JSON.stringify(await hub.twins.get(command.deviceId)));
        return;
    }
  } catch (error) {
    // The hub already logged the failure as an event line; nothing else to report.
    if (command.kind !== "command" && command.kind !== "method") print(describeError(error));
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = parseJson(Buffer.from(text, "utf8")).value;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
