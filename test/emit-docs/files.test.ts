import { describe, expect, it } from "vitest";
import { fileOf, renderModel, seedModel } from "./support.js";

describe("docs emitters on the seed", () => {
  it("produce the markdown reference, the HTML page and the AsyncAPI document", async () => {
    const files = await renderModel(seedModel());
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(["docs/reference.md", "docs/index.html", "asyncapi.yaml"]),
    );
    expect(fileOf(files, "docs/reference.md")).toContain("# IoT Hub data plane MQTT 5 API reference");
    expect(fileOf(files, "docs/index.html")).toContain("<code>2020-10-01-preview</code>");
    expect(fileOf(files, "asyncapi.yaml")).toContain('asyncapi: "3.0.0"');
  });

  it("are deterministic: two renders give the same bytes", async () => {
    const first = await renderModel(seedModel());
    const second = await renderModel(seedModel());
    for (const path of ["docs/reference.md", "docs/index.html", "asyncapi.yaml"]) {
      expect(Buffer.from(fileOf(second, path))).toEqual(Buffer.from(fileOf(first, path)));
    }
  });

  it("fix the reference's pseudo-code slips (docs/protocol.md#reading-the-reference)", async () => {
    const reference = fileOf(await renderModel(seedModel()), "docs/reference.md");
    // Q5: the full filter, with the $iothub/ prefix and + for the parameter.
    expect(reference).toContain("-> SUBSCRIBE\n    - Topic: $iothub/methods/+\n      QoS: 0");
    // Q6: one property per line.
    expect(reference).toContain(
      "    sequence-no: <u64>\n    enqueued-time: <time>\n    delivery-count: <u32>\n    [creation-time: <time>]",
    );
    // Q7: Correlation Data on both request-response messages, response properties shown.
    expect(reference).toContain(
      "-> PUBLISH\n    QoS: 0\n    Topic: $iothub/twin/patch/reported\n    Correlation Data: <bytes>\n    [if-version: <u64>]\n    Payload: <TwinState>\n" +
        "<- PUBLISH\n    QoS: 0\n    Topic: $iothub/responses\n    Correlation Data: <bytes, echoed>\n    version: <u64>",
    );
    expect(reference).toContain(
      "-> PUBLISH\n    QoS: 0\n    Topic: $iothub/responses\n    Correlation Data: <bytes, echoed>\n    response-code: <u32>",
    );
  });
});
