/** TopicTemplate: typed levels, client-id levels filled, matched and used in SUBSCRIBE filters. */
import { describe, expect, it } from "vitest";
import { TopicError, TopicTemplate, ValueError } from "../../src/runtime/index.js";

const template = new TopicTemplate("clients/{clientId}/locks/{slot}/state", [
  { name: "clientId", type: "string", scope: "client-id" },
  { name: "slot", type: "u32", scope: "free" },
]);

describe("TopicTemplate", () => {
  it("fills client-id levels with the client's id and encodes typed parameters", () => {
    expect(template.fill({ slot: 7 }, "lock-1")).toBe("clients/lock-1/locks/7/state");
    expect(template.fill({ slot: 7, clientId: "someone-else" }, "lock-1")).toBe("clients/lock-1/locks/7/state");
    expect(() => template.fill({ slot: -1 }, "lock-1")).toThrow(TopicError);
    expect(() => template.fill({}, "lock-1")).toThrow(/slot must be one non-empty level/);
    expect(() => template.fill({ slot: 1 }, "a/b")).toThrow(TopicError);
    expect(() => template.fill({ slot: 1 }, "+")).toThrow(TopicError);
  });

  it("matches received topics and decodes their levels by type", () => {
    const raw = template.match("clients/lock-1/locks/42/state");
    expect(raw).toEqual({ clientId: "lock-1", slot: "42" });
    expect(template.decode(raw ?? {})).toEqual({ clientId: "lock-1", slot: 42 });
    expect(() => template.decode({ clientId: "x", slot: "four" })).toThrow(ValueError);
    expect(template.match("clients/lock-1/locks/42")).toBeUndefined();
    expect(template.match("clients//locks/42/state")).toBeUndefined();
  });

  it("names the client its client-id levels carry, and null when two disagree", () => {
    expect(template.clientIdOf({ clientId: "lock-1", slot: "1" })).toBe("lock-1");
    const twice = new TopicTemplate("{a}/{b}", [
      { name: "a", type: "string", scope: "client-id" },
      { name: "b", type: "string", scope: "client-id" },
    ]);
    expect(twice.clientIdOf({ a: "x", b: "y" })).toBeNull();
    expect(new TopicTemplate("plain/{x}", [{ name: "x", type: "string", scope: "free" }]).clientIdOf({ x: "1" })).toBe(
      undefined,
    );
  });

  it("subscribes with the client's own id where a level is client-scoped, + elsewhere", () => {
    expect(template.filterFor("lock-1")).toBe("clients/lock-1/locks/+/state");
    expect(template.wildcardFilter()).toBe("clients/+/locks/+/state");
    expect(new TopicTemplate("$iothub/twin/get", []).filterFor("dev1")).toBe("$iothub/twin/get");
  });

  it("fills reply topics from the request's level texts and the requester's {clientId}", () => {
    const reply = new TopicTemplate("replies/{clientId}/{slot}", [{ name: "slot", type: "u32", scope: "free" }]);
    expect(reply.fillRaw({ slot: "42" }, "lock-1")).toBe("replies/lock-1/42");
  });
});
