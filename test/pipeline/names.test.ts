import { describe, expect, it } from "vitest";
import { camelCase, isUsableIdentifier, pascalCase, propertyKey } from "../../src/names.js";
import { operationId } from "../../src/parse/common.js";

describe("the naming pass", () => {
  it("keeps letters of every script instead of dropping them", () => {
    expect(camelCase("Pätch Twïn 日本")).toBe("pätchTwïn日本");
    expect(pascalCase("ünï")).toBe("Ünï");
    expect(operationId("Pätch Twïn 日本")).toBe("pätch-twïn-日本");
    expect(isUsableIdentifier("pätchTwïn日本")).toBe(true);
  });

  it("splits words at case changes, spaces and punctuation", () => {
    expect(camelCase("Receive Twin Desired State Changes")).toBe("receiveTwinDesiredStateChanges");
    expect(propertyKey({ name: "Content Type" })).toBe("contentType");
    expect(propertyKey({ name: "if-version" })).toBe("ifVersion");
    expect(pascalCase("TwinState")).toBe("TwinState");
  });

  it("refuses identifiers that cannot stand in generated code", () => {
    expect(isUsableIdentifier("2ndOperation")).toBe(false);
    expect(isUsableIdentifier("class")).toBe(false);
    expect(isUsableIdentifier("x-y")).toBe(false);
  });
});
