/**
 * Every diagnostic code, pinned by small broken specs (STYLE.md 4): each case edits a minimal valid spec
 * (markdown with its schema sidecar, or YAML) in one place and states everything the whole pipeline
 * (read, parse, validate) must report, as `line:col code: message`. A code no case triggers fails the
 * suite, and so does a README table out of step with the catalogue.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DIAGNOSTICS, DiagnosticCollector, formatDiagnostic, guarded, LIMITS } from "../../src/diagnostics.js";
import { checkSpec } from "../../src/generate.js";
import { PROJECT_ROOT } from "../support/cli.js";

const MARKDOWN = [
  "# Minimal API", // 1
  "", // 2
  "Version 1.0 (api-version: `2024-01-01`).", // 3
  "", // 4
  "## Operations", // 5
  "", // 6
  "### Get Thing", // 7
  "", // 8
  "Reads the thing.", // 9
  "", // 10
  "#### Request", // 11
  "", // 12
  "**Topic name:** `$x/get`", // 13
  "", // 14
  "**Properties**:", // 15
  "", // 16
  "| Name | Type | Required | Description |", // 17
  "| :--- | :--- | :------- | :---------- |", // 18
  "| level | u32 | no | How deep |", // 19
  "", // 20
  "**Payload**: empty", // 21
  "", // 22
  "#### Success Response", // 23
  "", // 24
  "**Properties**: none", // 25
  "", // 26
  "**Payload**: Thing", // 27
  "", // 28
  "#### Alternative Responses", // 29
  "", // 30
  "| Status | Name | Description |", // 31
  "| :----- | :--- | :---------- |", // 32
  "| 0100 | Bad Request | Malformed |", // 33
  "", // 34
  "#### Pseudo-code Sample", // 35
  "", // 36
  "```", // 37
  "-> PUBLISH", // 38
  "    QoS: 0", // 39
  "    Topic: $x/get", // 40
  "<- PUBLISH", // 41
  "    QoS: 0", // 42
  "    Topic: $iothub/responses", // 43
  "```", // 44
  "", // 45
  "## Responses", // 46
  "", // 47
  "### Bad Request", // 48
  "", // 49
  "The request is malformed.", // 50
  "", // 51
  "**Reason Code:** 131", // 52
  "", // 53
  "**Status:** 0100", // 54
  "",
].join("\n");

const SIDECAR = '{\n  "Thing": { "type": "object" }\n}\n';

const YAML = [
  "mqttgen: 1", // 1
  "title: Minimal API", // 2
  'apiVersion: "2024-01-01"', // 3
  "dialect: iothub", // 4
  "operations:", // 5
  "  - name: Get Thing", // 6
  "    direction: client-to-server", // 7
  "    interaction: request-response", // 8
  "    topic: $x/get", // 9
  "    request:", // 10
  "      properties:", // 11
  "        - name: level", // 12
  "          type: u32", // 13
  "    success:", // 14
  "      payload: Thing", // 15
  "    alternatives:", // 16
  '      - status: "0100"', // 17
  "        name: Bad Request", // 18
  "responses:", // 19
  '  - status: "0100"', // 20
  "    name: Bad Request", // 21
  "    reasonCode: 131", // 22
  "payloadTypes:", // 23
  "  - name: Thing", // 24
  "    schema:", // 25
  "      type: object", // 26
  "",
].join("\n");

/** A minimal valid YAML spec in the standard MQTT 5 dialect, with a status property and text statuses. */
const MQTT5_YAML = [
  "mqttgen: 1", // 1
  "title: Lock API", // 2
  'apiVersion: "1.0"', // 3
  "dialect:", // 4
  "  base: mqtt5", // 5
  "  outcome:", // 6
  "    statusProperty: lock-status", // 7
  "  runtimeStatuses:", // 8
  "    badRequest: bad-request", // 9
  "operations:", // 10
  "  - name: Get State", // 11
  "    direction: client-to-server", // 12
  "    interaction: request-response", // 13
  "    topic: clients/{clientId}/state/get", // 14
  "    request: {}", // 15
  "    success:", // 16
  "      payload: State", // 17
  "    alternatives:", // 18
  "      - status: bad-request", // 19
  "        name: Bad Request", // 20
  "responses:", // 21
  "  - status: bad-request", // 22
  "    name: Bad Request", // 23
  "    reasonCode: 131", // 24
  "    class: client-error", // 25
  "payloadTypes:", // 26
  "  - name: State", // 27
  "    schema:", // 28
  "      type: object", // 29
  "",
].join("\n");

/** The minimal markdown spec's Alternative Responses section, to move. */
const ALTERNATIVES = MARKDOWN.slice(MARKDOWN.indexOf("#### Alternative Responses"), MARKDOWN.indexOf("#### Pseudo-code Sample"));

/** The second operation of a spec with two, for the codes about how operations relate. */
const SECOND_OPERATION = [
  "### Get Other", // 46
  "", // 47
  "#### Request", // 48
  "", // 49
  "**Topic name:** `$x/other`", // 50
  "", // 51
  "**Payload**: empty", // 52
  "", // 53
  "#### Success Response", // 54
  "", // 55
  "**Payload**: empty", // 56
  "", // 57
  "#### Pseudo-code Sample", // 58
  "", // 59
  "```", // 60
  "-> PUBLISH", // 61
  "<- PUBLISH", // 62
  "```", // 63
  "", // 64
  "## Responses", // 65
].join("\n");

interface Case {
  /** What the spec gets wrong, as the test's name. */
  readonly name: string;
  readonly syntax: "markdown" | "yaml";
  /** The minimal spec with one edit. */
  readonly spec: string | Buffer;
  /** The markdown spec's schema sidecar; `SIDECAR` unless given, none when `null`. */
  readonly sidecar?: string | null;
  /** Everything reported, in order: `line:col code: message` (`file:line:col` for the sidecar), warnings as `line:col warning code: message`. */
  readonly expected: readonly string[];
}

/** The minimal spec of `syntax` with each `[from, to]` replaced once (each `from` must occur). */
function edit(syntax: "markdown" | "yaml", ...replacements: [string, string][]): string {
  return replacements.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`the minimal ${syntax} spec has no ${JSON.stringify(from)}`);
    return text.replace(from, to);
  }, syntax === "markdown" ? MARKDOWN : YAML);
}

/** The minimal MQTT 5 dialect spec with each `[from, to]` replaced once. */
function mqtt5(...replacements: [string, string][]): string {
  return replacements.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`the minimal mqtt5 spec has no ${JSON.stringify(from)}`);
    return text.replace(from, to);
  }, MQTT5_YAML);
}

const md = (...replacements: [string, string][]) => edit("markdown", ...replacements);
const yaml = (...replacements: [string, string][]) => edit("yaml", ...replacements);

const CASES: readonly Case[] = [
  // Reading the file
  {
    name: "a spec past 4 MiB",
    syntax: "markdown",
    spec: MARKDOWN + "x".repeat(LIMITS.specBytes),
    expected: [`1:1 spec-too-large: the file is ${MARKDOWN.length + LIMITS.specBytes} bytes; mqttgen reads at most 4194304 bytes (4 MiB) per file`],
  },
  {
    name: "a YAML spec past 4 MiB",
    syntax: "yaml",
    spec: YAML + "#".repeat(LIMITS.specBytes),
    expected: [`1:1 spec-too-large: the file is ${YAML.length + LIMITS.specBytes} bytes; mqttgen reads at most 4194304 bytes (4 MiB) per file`],
  },
  {
    name: "invalid UTF-8 in a description",
    syntax: "markdown",
    spec: Buffer.concat([Buffer.from(MARKDOWN.slice(0, MARKDOWN.indexOf("the thing"))), Buffer.from([0xc3, 0x28]), Buffer.from(MARKDOWN.slice(MARKDOWN.indexOf("the thing")))]),
    expected: ["9:7 invalid-utf8: byte 0xC3 is not valid UTF-8 (the first such byte on this line)"],
  },
  {
    name: "invalid UTF-8 in a YAML title, after a character that is valid",
    syntax: "yaml",
    spec: Buffer.concat([Buffer.from("mqttgen: 1\ntitle: Mïnimal "), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(YAML.slice(YAML.indexOf("API")))]),
    expected: ["2:16 invalid-utf8: byte 0xED is not valid UTF-8 (the first such byte on this line)"],
  },
  {
    name: "U+0000 in an operation heading",
    syntax: "markdown",
    spec: md(["### Get Thing", "### Get\u0000Thing"]),
    expected: ["7:8 invalid-character: U+0000 (NUL) stands here; no MQTT 5 string may carry it"],
  },
  {
    name: "U+0000 in a topic",
    syntax: "markdown",
    spec: md(["`$x/get`", "`$x/\u0000get`"]),
    expected: ["13:21 invalid-character: U+0000 (NUL) stands here; no MQTT 5 string may carry it"],
  },
  {
    name: "U+0000 escaped in a YAML topic",
    syntax: "yaml",
    spec: yaml(["topic: $x/get", 'topic: "$x/\\0get"']),
    expected: ["9:12 invalid-character: U+0000 (NUL) stands here; no MQTT 5 string may carry it"],
  },
  // Nesting
  {
    name: "block quotes 65 deep",
    syntax: "markdown",
    spec: md(["Reads the thing.", `${">".repeat(65)} deep`]),
    expected: ["9:65 nesting-too-deep: block quotes and lists nest more than 64 levels deep here"],
  },
  {
    name: "lists 65 deep by indentation",
    syntax: "markdown",
    spec: md(["Reads the thing.", Array.from({ length: 65 }, (_, level) => `${"  ".repeat(level)}- item`).join("\n")]),
    expected: ["73:129 nesting-too-deep: block quotes and lists nest more than 64 levels deep here"],
  },
  {
    name: "65 emphasis markers around a word",
    syntax: "markdown",
    spec: md(["Reads the thing.", `${"*".repeat(65)}deep${"*".repeat(65)}`]),
    expected: ["9:70 nesting-too-deep: more than 64 emphasis markers (* or _) are open here"],
  },
  {
    name: "65 links one inside the other",
    syntax: "markdown",
    spec: md(["Reads the thing.", `${"[".repeat(65)}deep${"](x)".repeat(65)}`]),
    expected: ["9:65 nesting-too-deep: links and images nest more than 64 levels deep here"],
  },
  {
    name: "YAML lists 65 deep",
    syntax: "yaml",
    spec: yaml(["    topic: $x/get", `    topic: ${"[".repeat(65)}${"]".repeat(65)}`]),
    expected: ["9:73 nesting-too-deep: the YAML nests more than 64 levels deep here"],
  },
  {
    name: "YAML nested past the yaml library's own stack",
    syntax: "yaml",
    spec: yaml(["    topic: $x/get", `    topic: ${"[".repeat(5000)}${"]".repeat(5000)}`]),
    expected: ["9:795 nesting-too-deep: the YAML nests more than 64 levels deep here"],
  },
  {
    name: "a sidecar schema 65 deep",
    syntax: "markdown",
    spec: MARKDOWN,
    sidecar: `{ "Thing": ${'{ "items": '.repeat(64)}{}${" }".repeat(64)} }`,
    expected: ["spec.schemas.json:1:705 nesting-too-deep: the YAML nests more than 64 levels deep here"],
  },
  // Markdown structure
  {
    name: "front matter that is not YAML",
    syntax: "markdown",
    spec: `---\n key: [1\n---\n\n${MARKDOWN}`,
    expected: ["2:9 invalid-front-matter: front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"],
  },
  {
    name: "no title",
    syntax: "markdown",
    spec: md(["# Minimal API\n\n", ""]),
    expected: ["1:1 missing-title: the spec has no title"],
  },
  {
    name: "no api-version",
    syntax: "markdown",
    spec: md(["(api-version: `2024-01-01`)", ""]),
    expected: ["1:1 missing-api-version: the spec states no api-version"],
  },
  {
    name: "no Responses section",
    syntax: "markdown",
    spec: MARKDOWN.slice(0, MARKDOWN.indexOf("## Responses")),
    expected: [
      "1:1 missing-section: the spec has no ## Responses section",
      "33:1 unknown-status: status 0100 (\"Bad Request\") is not in the Responses catalog",
    ],
  },
  {
    name: "an operation without its request and pseudo-code",
    syntax: "markdown",
    spec: md(["#### Request", "#### Notes"], ["#### Pseudo-code Sample", "Sample:"]),
    expected: [
      '7:1 missing-section: "Get Thing" lacks a Request or Message section, a Pseudo-code Sample section',
      '11:1 unknown-section: "Notes" is not a section of an operation',
    ],
  },
  {
    name: "a response without its reason code and status",
    syntax: "markdown",
    spec: md(["**Reason Code:** 131", ""], ["**Status:** 0100", ""]),
    expected: [
      "33:1 unknown-status: status 0100 (\"Bad Request\") is not in the Responses catalog",
      '48:1 missing-section: response "Bad Request" states no **Reason Code:** and **Status:**',
    ],
  },
  {
    name: "a second title",
    syntax: "markdown",
    spec: md(["## Responses", "# Responses"]),
    expected: [
      "1:1 missing-section: the spec has no ## Responses section",
      '33:1 unknown-status: status 0100 ("Bad Request") is not in the Responses catalog',
      '46:1 misplaced-section: a spec has one title (H1); "Responses" is a second one',
    ],
  },
  {
    name: "alternatives after the pseudo-code",
    syntax: "markdown",
    spec: md([ALTERNATIVES, ""], ["```\n\n## Responses", `\`\`\`\n\n${ALTERNATIVES}## Responses`]),
    expected: ['29:1 misplaced-section: "Pseudo-code Sample" stands out of place: an operation has Request/Message, Success, Alternatives and Pseudo-code sections, each once, in that order'],
  },
  {
    name: "an unknown top-level section",
    syntax: "markdown",
    spec: md(["## Responses", "## Errata\n\n## Responses"]),
    expected: ['46:1 unknown-section: "Errata" is none of ## Connection, ## Operations and ## Responses'],
  },
  {
    name: "an operation without its topic",
    syntax: "markdown",
    spec: md(["**Topic name:** `$x/get`", ""]),
    expected: ['11:1 missing-topic: operation "Get Thing" states no topic'],
  },
  {
    name: "an operation without its topic, in YAML",
    syntax: "yaml",
    spec: yaml(["    topic: $x/get\n", ""]),
    expected: ['6:5 missing-topic: operation "Get Thing" states no topic'],
  },
  {
    name: "a property table without a Type column",
    syntax: "markdown",
    spec: md(["| Name | Type | Required | Description |", "| Name | Kind | Required | Description |"]),
    expected: ["17:1 malformed-table: the Properties table lacks the column(s) type"],
  },
  {
    name: "a table row with an extra cell",
    syntax: "markdown",
    spec: md(["| level | u32 | no | How deep |", "| level | u32 | no | How deep | surplus |"]),
    expected: ["19:33 extra-table-cell: this row has 5 cells but the header has 4: write a | inside a cell as \\|"],
  },
  {
    name: "an unescaped | that cuts a description",
    syntax: "markdown",
    spec: md(["| level | u32 | no | How deep |", "| level | u32 | no | How | deep |"]),
    expected: ["19:28 extra-table-cell: this row has 5 cells but the header has 4: write a | inside a cell as \\|"],
  },
  {
    name: "a pseudo-code sample that opens with the server",
    syntax: "markdown",
    spec: md(["-> PUBLISH\n    QoS: 0\n    Topic: $x/get\n<- PUBLISH", "<- PUBLISH\n    QoS: 0\n    Topic: $x/get\n-> PUBLISH"]),
    expected: ["37:1 malformed-pseudo-code: the pseudo-code does not open with -> PUBLISH or -> SUBSCRIBE"],
  },
  {
    name: "a pseudo-code sample without the response",
    syntax: "markdown",
    spec: md(["<- PUBLISH\n    QoS: 0\n    Topic: $iothub/responses\n", ""]),
    expected: ["37:1 inconsistent-interaction: the sections describe a request-response operation but the pseudo-code shows message"],
  },
  {
    name: "QoS 2",
    syntax: "markdown",
    spec: md(["    QoS: 0\n    Topic: $x/get", "    QoS: 2\n    Topic: $x/get"]),
    expected: ['39:10 malformed-qos: QoS "2" is not 0 or 1'],
  },
  {
    name: "QoS 2, in YAML",
    syntax: "yaml",
    spec: yaml(["    topic: $x/get", "    qos: 2\n    topic: $x/get"]),
    expected: ['9:10 malformed-qos: QoS "2" is not 0 or 1'],
  },
  // Properties: both front ends say the same thing
  {
    name: "an unknown property type",
    syntax: "markdown",
    spec: md(["| level | u32 |", "| level | u65 |"]),
    expected: ['19:11 unknown-property-type: property "level" has type "u65"; expected one of u32, u64, i32, string, time'],
  },
  {
    name: "an unknown property type, in YAML",
    syntax: "yaml",
    spec: yaml(["type: u32", "type: u65"]),
    expected: ['13:17 unknown-property-type: property "level" has type "u65"; expected one of u32, u64, i32, string, time'],
  },
  {
    name: "a Required cell that is neither yes nor no",
    syntax: "markdown",
    spec: md(["| u32 | no |", "| u32 | maybe |"]),
    expected: ['19:17 bad-required-value: property "level" has required "maybe"; expected yes or no'],
  },
  {
    name: "a required field that is no boolean, in YAML",
    syntax: "yaml",
    spec: yaml(["type: u32", "type: u32\n          required: maybe"]),
    expected: ['14:21 bad-required-value: property "level" has required "maybe"; expected true or false'],
  },
  {
    name: "a capitalised property the generator cannot map",
    syntax: "markdown",
    spec: md(["| level |", "| Level |"]),
    expected: ['19:3 unknown-first-class-property: property "Level" looks like an MQTT 5 property (capitalised or spaced) but is none the generator maps (Content Type, Payload Format Indicator, Message Expiry Interval, Response Topic, Retain); a user property with such a name states its kind: user'],
  },
  {
    name: "a capitalised property the generator cannot map, in YAML",
    syntax: "yaml",
    spec: yaml(["- name: level", "- name: Level"]),
    expected: ['12:17 unknown-first-class-property: property "Level" looks like an MQTT 5 property (capitalised or spaced) but is none the generator maps (Content Type, Payload Format Indicator, Message Expiry Interval, Response Topic, Retain); a user property with such a name states its kind: user'],
  },
  {
    name: "a property listed twice",
    syntax: "markdown",
    spec: md(["| level | u32 | no | How deep |", "| level | u32 | no | How deep |\n| level | u32 | no | Again |"]),
    expected: ['20:1 duplicate-property: property "level" is listed twice'],
  },
  {
    name: "a property listed twice, in YAML",
    syntax: "yaml",
    spec: yaml(["          type: u32", "          type: u32\n        - name: level\n          type: u32"]),
    expected: ['14:11 duplicate-property: property "level" is listed twice'],
  },
  // Payloads
  {
    name: "a payload that is no type name",
    syntax: "markdown",
    spec: md(["**Payload**: Thing", "**Payload**: a thing"]),
    expected: ['27:14 unknown-payload: payload "a thing" is neither empty, any byte sequence nor a type name'],
  },
  {
    name: "a payload that is no type name, in YAML",
    syntax: "yaml",
    spec: yaml(["payload: Thing", "payload: a thing"]),
    expected: ['15:16 unknown-payload: payload "a thing" is neither empty, any byte sequence nor a type name'],
  },
  {
    name: "a payload type that nothing defines",
    syntax: "markdown",
    spec: md(["**Payload**: Thing", "**Payload**: Thang"]),
    expected: ['27:14 undefined-payload-type: payload type "Thang" is defined nowhere: give it a JSON Schema in spec.schemas.json (or, in a YAML spec, under payloadTypes)'],
  },
  {
    name: "a payload type without a schema, in YAML",
    syntax: "yaml",
    spec: yaml(["    schema:\n      type: object\n", ""]),
    expected: ['15:16 undefined-payload-type: payload type "Thing" is defined nowhere: give it a JSON Schema in spec.schemas.json (or, in a YAML spec, under payloadTypes)'],
  },
  {
    name: "a sidecar that is not JSON",
    syntax: "markdown",
    spec: MARKDOWN,
    sidecar: '{ "Thing": { "type": "object" }',
    expected: [
"spec.schemas.json:1:32 invalid-schema: not valid JSON: Flow map must end with a }"],
  },
  {
    name: "a schema that refers to a type that does not exist",
    syntax: "markdown",
    spec: MARKDOWN,
    sidecar: '{\n  "Thing": { "$ref": "#/$defs/Thang" }\n}\n',
    expected: ['spec.schemas.json:2:3 invalid-schema: the schema of "Thing" refers to "#/$defs/Thang"; expected #/$defs/ and a payload type name'],
  },
  // Statuses and reason codes
  {
    name: "a status that is not four hex digits",
    syntax: "markdown",
    spec: md(["**Status:** 0100", "**Status:** 01G0"]),
    expected: [
      '33:1 unknown-status: status 0100 ("Bad Request") is not in the Responses catalog',
      '54:13 malformed-status-code: status "01G0" is not four hex digits',
    ],
  },
  {
    name: "a status whose type bits name no class, in YAML",
    syntax: "yaml",
    spec: yaml(['  - status: "0100"\n    name: Bad Request', '  - status: "0300"\n    name: Bad Request']),
    expected: [
      "17:9 unknown-status: status 0100 (\"Bad Request\") is not in the Responses catalog",
      "20:13 malformed-status-code: status 0300 has the unassigned type bits 11, which name no status class",
    ],
  },
  {
    name: "a status that sets reserved bits",
    syntax: "markdown",
    spec: md(["| 0100 |", "| 0900 |"], ["**Status:** 0100", "**Status:** 0900"]),
    expected: ["48:1 reserved-status-bits: status 0900 sets reserved type bits"],
  },
  {
    name: "a status listed twice",
    syntax: "markdown",
    spec: md(["| 0100 | Bad Request | Malformed |", "| 0100 | Bad Request | Malformed |\n| 0100 | Bad Request | Again |"]),
    expected: ['34:1 duplicate-status: status 0100 is listed twice among the alternatives of "Get Thing"'],
  },
  {
    name: "a status listed twice in the catalog, in YAML",
    syntax: "yaml",
    spec: yaml(["    reasonCode: 131", "    reasonCode: 131\n  - status: \"0100\"\n    name: Again\n    reasonCode: 131"]),
    expected: ["23:5 duplicate-status: status 0100 is listed twice in the catalog"],
  },
  {
    name: "an alternative the catalog lacks",
    syntax: "markdown",
    spec: md(["| 0100 | Bad Request | Malformed |", "| 0101 | Not Authorized | Refused |"]),
    expected: ['33:1 unknown-status: status 0101 ("Not Authorized") is not in the Responses catalog'],
  },
  {
    name: "a reason code past 255",
    syntax: "markdown",
    spec: md(["**Reason Code:** 131", "**Reason Code:** 300"]),
    expected: ['52:18 malformed-reason-code: reason code "300" is not an MQTT 5 reason code (an integer from 0 to 255)'],
  },
  {
    name: "a reason code past 255, in YAML",
    syntax: "yaml",
    spec: yaml(["reasonCode: 131", "reasonCode: 300"]),
    expected: ['22:17 malformed-reason-code: reason code "300" is not an MQTT 5 reason code (an integer from 0 to 255)'],
  },
  {
    name: "a failing status with reason code 0",
    syntax: "markdown",
    spec: md(["**Reason Code:** 131", "**Reason Code:** 0"]),
    expected: ["48:1 reason-code-mismatch: status 0100 is client-error but reason code 0 means success"],
  },
  // Topics
  {
    name: "an empty topic level",
    syntax: "markdown",
    spec: md(["`$x/get`", "`$x//get`"]),
    expected: ['13:17 topic-syntax: topic "$x//get" of "Get Thing" has an empty level'],
  },
  {
    name: "a wildcard in a topic, in YAML",
    syntax: "yaml",
    spec: yaml(["topic: $x/get", "topic: $x/+/get"]),
    expected: ['9:12 topic-syntax: topic "$x/+/get" of "Get Thing" has a wildcard in level "+"; no side may publish to a wildcard'],
  },
  {
    name: "a topic longer than an MQTT string",
    syntax: "markdown",
    spec: md(["`$x/get`", `\`$x/${"é".repeat(32767)}\``]),
    expected: [`13:17 topic-too-long: the topic of "Get Thing" is 65537 bytes of UTF-8; an MQTT 5 string carries at most 65535`],
  },
  {
    name: "a response topic longer than an MQTT string, in YAML",
    syntax: "yaml",
    spec: yaml(["dialect: iothub", `dialect: { base: iothub, replies: { sharedTopic: $x/${"r".repeat(65533)} } }`]),
    expected: ["4:10 topic-too-long: the topic of the dialect's shared replies is 65536 bytes of UTF-8; an MQTT 5 string carries at most 65535"],
  },
  {
    name: "a parameter named twice",
    syntax: "markdown",
    spec: md(["`$x/get`", "`$x/{id}/{id}`"]),
    expected: ['13:17 duplicate-topic-parameter: topic "$x/{id}/{id}" names the parameter "id" twice'],
  },
  {
    name: "an operation on the response topic",
    syntax: "markdown",
    spec: md(["`$x/get`", "`$iothub/{any}`"]),
    expected: ['13:17 topic-conflict: "Get Thing" can match the shared reply topic "$iothub/responses"'],
  },
  {
    name: "two operations on one topic",
    syntax: "markdown",
    spec: md(["## Responses", SECOND_OPERATION], ["`$x/other`", "`$x/get`"]),
    expected: ['50:17 topic-conflict: "Get Other" and "Get Thing" can both match topic "$x/get"'],
  },
  // Names
  {
    name: "two operations with one name",
    syntax: "markdown",
    spec: md(["## Responses", SECOND_OPERATION], ["### Get Other", "### Get Thing"]),
    expected: ['46:1 duplicate-operation: operation "Get Thing" repeats "Get Thing"'],
  },
  {
    name: "two operations that become one name",
    syntax: "markdown",
    spec: md(["## Responses", SECOND_OPERATION], ["### Get Other", "### GetThing"]),
    expected: ['46:1 identifier-clash: operation "GetThing" and operation "Get Thing" both become GetThingOptions'],
  },
  {
    name: "an operation that takes a member the client class has",
    syntax: "markdown",
    spec: md(["### Get Thing", "### Connect"]),
    expected: ['7:1 identifier-clash: operation "Connect" becomes connect, which SpecClient declares itself'],
  },
  {
    name: "a payload type defined twice",
    syntax: "yaml",
    spec: yaml(["  - name: Thing\n", "  - name: Thing\n    schema:\n      type: string\n  - name: Thing\n"]),
    expected: ['27:5 duplicate-payload-type: payload type "Thing" is defined twice'],
  },
  {
    name: "a payload type that takes a name status.ts exports",
    syntax: "yaml",
    spec: mqtt5(["      payload: State", "      payload: StatusInfo"], ["  - name: State", "  - name: StatusInfo"]),
    expected: [
      '27:5 warning export-clash: payload type "StatusInfo" becomes StatusInfo in payloads.ts, which status.ts exports for itself: a module importing both must rename one',
    ],
  },
  {
    name: "a property that names an object internal, in YAML",
    syntax: "yaml",
    spec: yaml(["- name: level", "- name: __proto__"]),
    expected: ['12:11 reserved-identifier: property "__proto__" names a JavaScript object internal'],
  },
  {
    name: "an operation that gives no identifier",
    syntax: "markdown",
    spec: md(["### Get Thing", "### 2 Things"]),
    expected: ['7:1 invalid-identifier: operation "2 Things" gives no usable identifier ("2ThingsProperties")'],
  },
  // YAML structure
  {
    name: "YAML that is not well-formed",
    syntax: "yaml",
    spec: yaml(["title: Minimal API", "title: [Minimal API"]),
    expected: ["3:1 yaml-syntax: not well-formed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"],
  },
  {
    name: "an unknown field",
    syntax: "yaml",
    spec: yaml(["    topic: $x/get", "    topic: $x/get\n    colour: blue"]),
    expected: [
      "10:5 invalid-field: unknown field `colour` in operation `Get Thing`; expected one of: name, summary, group, direction, interaction, qos, topic, topicParameters, subscriptionQos, request, message, success, alternatives, reply, correlation, failurePayload, notes",
    ],
  },
  {
    name: "a schema whose aliases would expand a billion times, in YAML",
    syntax: "yaml",
    spec: yaml([
      "    schema:\n      type: object",
      `    schema:\n      examples:\n        - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from({ length: 9 }, (_, i) => `        - &a${i + 1} [${Array(9).fill(`*a${i}`).join(", ")}]`).join("\n")}`,
    ]),
    expected: ["26:7 invalid-field: the schema of payload type `Thing` expands more aliases than a spec needs (at most 100)"],
  },
  {
    name: "no title, in YAML",
    syntax: "yaml",
    spec: yaml(["title: Minimal API\n", ""]),
    expected: ["1:1 missing-title: the spec has no title"],
  },
  {
    name: "an empty api-version, in YAML",
    syntax: "yaml",
    spec: yaml(['apiVersion: "2024-01-01"', 'apiVersion: ""']),
    expected: ["3:13 missing-api-version: the spec states no api-version"],
  },
  // Dialects
  {
    name: "an unknown dialect preset in front matter",
    syntax: "markdown",
    spec: `---\nmqttgen-dialect: aws\n---\n\n${MARKDOWN}`,
    expected: ["2:18 invalid-field: `base` of `mqttgen-dialect` must be one of iothub, mqtt5"],
  },
  {
    name: "a message key that is none",
    syntax: "yaml",
    spec: mqtt5(["  outcome:", "  messageKey: sequence\n  outcome:"]),
    expected: ["6:15 invalid-field: `messageKey` of `dialect` must be one of correlation-data"],
  },
  {
    name: "a runtime status the catalog lacks",
    syntax: "yaml",
    spec: mqtt5(["    badRequest: bad-request", "    badRequest: bad-input"]),
    expected: ["5:3 runtime-status: the dialect answers its runtime condition badRequest with status bad-input, which the catalog lacks"],
  },
  {
    name: "a runtime status that is a success",
    syntax: "yaml",
    spec: mqtt5(["    class: client-error", "    class: success"], ["    reasonCode: 131", "    reasonCode: 0"]),
    expected: ["5:3 runtime-status: the dialect answers its runtime condition badRequest with status bad-request, a success"],
  },
  {
    name: "a shared reply topic with a parameter",
    syntax: "yaml",
    spec: yaml(["dialect: iothub", 'dialect: { base: iothub, replies: { sharedTopic: "$x/responses/{id}" } }']),
    expected: ['4:10 unfillable-topic-parameter: the shared reply topic "$x/responses/{id}" has the parameter "id", which no reply can fill: every reply travels on it'],
  },
  {
    name: "a requester reply prefix with another parameter",
    syntax: "yaml",
    spec: mqtt5(["  outcome:", "  replies:\n    requesterPrefix: replies/{clientId}/{id}\n  outcome:"]),
    expected: ['5:3 unfillable-topic-parameter: the requester reply prefix "replies/{clientId}/{id}" has the parameter "id"; it may have only clientId, which the requester fills'],
  },
  {
    name: "a requester reply prefix without the client id",
    syntax: "yaml",
    spec: mqtt5(["  outcome:", "  replies:\n    requesterPrefix: replies\n  outcome:"]),
    expected: ['5:3 unfillable-topic-parameter: the requester reply prefix "replies" has no clientId level: replies could not be kept apart per client'],
  },
  {
    name: "a wildcard in a requester reply prefix",
    syntax: "yaml",
    spec: mqtt5(["  outcome:", "  replies:\n    requesterPrefix: replies/+/{clientId}\n  outcome:"]),
    expected: ['5:3 topic-syntax: topic "replies/+/{clientId}" of the dialect\'s requester replies has a wildcard in level "+"; no side may publish to a wildcard'],
  },
  // Replies
  {
    name: "a reply topic with a parameter the request lacks",
    syntax: "yaml",
    spec: mqtt5(["    alternatives:", "    reply:\n      topic: clients/{clientId}/answers/{slot}\n    alternatives:"]),
    expected: ['19:14 unfillable-topic-parameter: the reply topic "clients/{clientId}/answers/{slot}" of "Get State" has the parameter "slot", which no reply can fill: a reply topic takes the request topic\'s parameters and clientId'],
  },
  {
    name: "a reply topic an operation can match",
    syntax: "yaml",
    spec: mqtt5(["    alternatives:", "    reply:\n      topic: clients/{clientId}/state/{any}\n    alternatives:"]),
    expected: [
      '14:12 topic-conflict: "Get State" can match the reply topic "clients/{clientId}/state/{any}" of "Get State"',
      '19:14 unfillable-topic-parameter: the reply topic "clients/{clientId}/state/{any}" of "Get State" has the parameter "any", which no reply can fill: a reply topic takes the request topic\'s parameters and clientId',
    ],
  },
  {
    name: "an operation under the requester reply prefix",
    syntax: "yaml",
    spec: mqtt5(["    topic: clients/{clientId}/state/get", "    topic: clients/{clientId}/replies/state"]),
    expected: ['14:12 topic-conflict: "Get State" can match the requester reply topics "clients/{clientId}/replies/#"'],
  },
  {
    name: "replies that cannot carry a failure",
    syntax: "yaml",
    spec: mqtt5(["  outcome:\n    statusProperty: lock-status\n", ""]),
    expected: ['9:5 unreportable-failure: "Get State" answers with replies that cannot carry a failure: the dialect has no status property and the operation states no failure payload'],
  },
  {
    name: "a rejected topic without a failure payload",
    syntax: "yaml",
    spec: mqtt5([
      "    alternatives:",
      "    reply:\n      accepted: clients/{clientId}/state/get/accepted\n      rejected: clients/{clientId}/state/get/rejected\n    alternatives:",
    ]),
    expected: ['20:17 unreportable-failure: "Get State" replies on a rejected topic but states no failure payload (its code and message fields)'],
  },
  {
    name: "a rejected topic without an accepted one, in markdown",
    syntax: "markdown",
    spec: md(["| Status | Name | Description |", "**Topic name:** `$x/rejected`\n\n| Status | Name | Description |"]),
    expected: ['31:1 inconsistent-interaction: "Get Thing" states a topic for its failures but none for its success response'],
  },
  {
    name: "a failure payload without its message field, in markdown",
    syntax: "markdown",
    spec: md(["| Status | Name | Description |", "**Code field:** `code`\n\n| Status | Name | Description |"]),
    expected: ['31:1 missing-section: "Get Thing" states a failure payload without its **Message field:**'],
  },
  {
    name: "a failure payload that is no type name",
    syntax: "yaml",
    spec: mqtt5(["    alternatives:", "    failurePayload:\n      codeField: code\n      messageField: message\n      payload: any byte sequence\n    alternatives:"]),
    expected: ['21:16 unknown-payload: the failure payload "any byte sequence" is no type name; a failure payload is JSON, described by a payload type'],
  },
  {
    name: "a failure payload type that no schema defines",
    syntax: "yaml",
    spec: mqtt5(["    alternatives:", "    failurePayload:\n      codeField: code\n      messageField: message\n      payload: Failure\n    alternatives:"]),
    expected: ['19:7 undefined-payload-type: payload type "Failure" is defined nowhere: give it a JSON Schema in spec.schemas.json (or, in a YAML spec, under payloadTypes)'],
  },
  {
    name: "a pseudo-code response on another topic than the reply's",
    syntax: "markdown",
    spec: md(["    Topic: $iothub/responses", "    Topic: $x/responses"]),
    expected: ['37:1 inconsistent-interaction: the pseudo-code shows the response on "$x/responses" but "Get Thing" replies on "$iothub/responses"'],
  },
  {
    name: "correlation on a one-way message",
    syntax: "yaml",
    spec: mqtt5(
      ["    interaction: request-response", "    interaction: message-ack"],
      ["    request: {}", "    message: {}\n    correlation:\n      payloadField: x"],
      ["    success:\n      payload: State", "    success: {}"],
    ),
    expected: ["16:5 invalid-field: operation `Get State` is message-ack: `correlation` belongs to request-response operations"],
  },
  {
    name: "a correlation field on an empty request",
    syntax: "yaml",
    spec: mqtt5(["    request: {}", "    request: {}\n    correlation:\n      payloadField: token"]),
    expected: ['17:7 correlation-not-json: "Get State" correlates by the payload field "token" but its request payload is empty, not a JSON payload type'],
  },
  {
    name: "a requester-chosen Response Topic on a topic that names no client",
    syntax: "yaml",
    spec: mqtt5(["    topic: clients/{clientId}/state/get", "    topic: state/get"]),
    expected: ['14:12 warning unscoped-reply-topic: "Get State" lets the requester choose its Response Topic, but its topic "state/get" names no client: a server behind a broker cannot check that the Response Topic is the requester\'s (the embedded endpoint checks it against the connection)'],
  },
  {
    name: "a declared Response Topic the runtime sets",
    syntax: "yaml",
    spec: mqtt5(["    request: {}", "    request:\n      properties:\n        - name: Response Topic\n          type: string"]),
    expected: ['17:11 runtime-managed-property: "Get State" declares Response Topic on its request, which the runtime sets on every request of this dialect'],
  },
  {
    name: "a success alternative nothing carries",
    syntax: "yaml",
    spec: mqtt5(
      ["    class: client-error\n", "    class: client-error\n  - status: kept\n    name: Kept\n    reasonCode: 0\n    class: success\n"],
      ["      - status: bad-request", "      - status: kept\n        name: Kept\n      - status: bad-request"],
      ["  outcome:\n    statusProperty: lock-status\n", ""],
      ["    interaction: request-response", "    interaction: message-ack"],
      ["    request: {}", "    message: {}"],
      ["    success:\n      payload: State", "    success: {}"],
    ),
    expected: ['16:9 success-alternative: status kept of "Get State" is a success, which nothing carries: the dialect has no status property, so a success is a reason code below 128 without a status'],
  },
  {
    name: "a success alternative among failures in the reply payload",
    syntax: "yaml",
    spec: mqtt5(
      ["    class: client-error\n", "    class: client-error\n  - status: kept\n    name: Kept\n    reasonCode: 0\n    class: success\n"],
      ["      - status: bad-request", "      - status: kept\n        name: Kept\n      - status: bad-request"],
      ["    alternatives:", "    failurePayload:\n      codeField: code\n      messageField: message\n    alternatives:"],
    ),
    expected: ['22:9 success-alternative: status kept of "Get State" is a success, but its alternatives travel as failures in the reply payload'],
  },
  // Topic parameters
  {
    name: "a topic parameter its topic lacks",
    syntax: "yaml",
    spec: mqtt5(["    request: {}", "    topicParameters:\n      - name: slot\n        type: u32\n    request: {}"]),
    expected: ['16:9 topic-parameter-declaration: topic parameter "slot" is declared but the topic of "Get State" has no such level'],
  },
  {
    name: "a shared topic parameter no topic has, in markdown",
    syntax: "markdown",
    spec: md(["## Operations\n", "## Operations\n\n**Topic parameters**:\n\n| Name | Type |\n| :--- | :--- |\n| door | u32 |\n"]),
    expected: ['11:1 topic-parameter-declaration: topic parameter "door" is declared for every topic but no topic has such a level'],
  },
  {
    name: "a topic parameter of an unknown scope, in markdown",
    syntax: "markdown",
    spec: md(["**Properties**:\n\n| Name", "**Topic parameters**:\n\n| Name | Type | Scope |\n| :--- | :--- | :--- |\n| id | u32 | mine |\n\n**Properties**:\n\n| Name"]),
    expected: ['19:14 topic-parameter-declaration: scope "mine" of topic parameter "id" is neither free nor client-id'],
  },
  {
    name: "a topic parameter of an unknown type",
    syntax: "yaml",
    spec: mqtt5(["    request: {}", "    topicParameters:\n      - name: clientId\n        type: uuid\n    request: {}"]),
    expected: ['17:15 unknown-property-type: topic parameter "clientId" has type "uuid"; expected one of u32, u64, i32, string, time'],
  },
  {
    name: "the client id as a free parameter",
    syntax: "yaml",
    spec: mqtt5(["    topic: clients/{clientId}/state/get", "    topic: things/{clientId}/state/get"], ["    request: {}", "    topicParameters:\n      - name: clientId\n        scope: free\n    request: {}"]),
    expected: [
      '14:12 topic-parameter-declaration: topic parameter "clientId" of "Get State" names the requester\'s client id and is always client-id scoped, not free',
      '14:12 warning unscoped-reply-topic: "Get State" lets the requester choose its Response Topic, but its topic "things/{clientId}/state/get" names no client: a server behind a broker cannot check that the Response Topic is the requester\'s (the embedded endpoint checks it against the connection)',
    ],
  },
  // Statuses of other formats
  {
    name: "a text status without its class",
    syntax: "yaml",
    spec: mqtt5(["    class: client-error\n", ""]),
    expected: ["22:5 status-class: status bad-request states no class; statuses written as text state one (success, client-error or server-error)"],
  },
  {
    name: "an unknown status class",
    syntax: "yaml",
    spec: mqtt5(["    class: client-error", "    class: fatal"]),
    expected: ['25:12 status-class: class "fatal" of status bad-request is none of success, client-error, server-error'],
  },
  {
    name: "a retryable field that is no boolean",
    syntax: "yaml",
    spec: mqtt5(["    class: client-error", "    class: client-error\n    retryable: sometimes"]),
    expected: ['26:16 status-class: retryable "sometimes" of status bad-request is not true or false'],
  },
  {
    name: "a class stated for a hex16 status, in markdown",
    syntax: "markdown",
    spec: md(["**Status:** 0100", "**Status:** 0100\n\n**Class:** `client-error`"]),
    expected: ["56:1 status-class: status 0100 states its class, which the hex16 format takes from the status bits: leave it out"],
  },
  {
    name: "an integer status that is not one",
    syntax: "yaml",
    spec: mqtt5(["  outcome:", "  statusFormat: integer\n  outcome:"], ["    badRequest: bad-request", "    badRequest: 400"], ["      - status: bad-request", "      - status: 400"], ["  - status: bad-request", "  - status: 4xx"]),
    expected: [
      "5:3 runtime-status: the dialect answers its runtime condition badRequest with status 400, which the catalog lacks",
      '20:9 unknown-status: status 400 ("Bad Request") is not in the Responses catalog',
      '23:13 malformed-status-code: status "4xx" is not an integer (the dialect writes statuses as integers)',
    ],
  },
  // Labels and property kinds
  {
    name: "an empty list of ways to authenticate",
    syntax: "yaml",
    spec: mqtt5(["operations:", "connection:\n  authentication: []\noperations:"]),
    expected: ["11:19 invalid-connection: the connection accepts no way to authenticate: list at least one (none, for no credentials)"],
  },
  {
    name: "a label in a section that has no place for it",
    syntax: "markdown",
    spec: md(["**Payload**: empty", "**Code field:** `code`\n\n**Payload**: empty"]),
    expected: ["21:1 misplaced-section: **Code field** has no place in the Request section"],
  },
  {
    name: "an MQTT 5 property of a type it cannot have",
    syntax: "yaml",
    spec: mqtt5(["    request: {}", "    request:\n      properties:\n        - name: Message Expiry Interval\n          type: time"]),
    expected: ['17:11 unknown-first-class-property: property "Message Expiry Interval" is an MQTT 5 property whose value is a u32, not a time'],
  },
  {
    name: "an unknown property kind, in markdown",
    syntax: "markdown",
    spec: md([
      "| Name | Type | Required | Description |\n| :--- | :--- | :------- | :---------- |\n| level | u32 | no | How deep |",
      "| Name | Type | Required | Kind | Description |\n| :--- | :--- | :--- | :--- | :---------- |\n| level | u32 | no | mqtt | How deep |",
    ]),
    expected: ['19:22 unknown-first-class-property: property "level" has kind "mqtt"; expected user or first-class'],
  },
  // Connection
  {
    name: "an unknown way to authenticate and a token without its method",
    syntax: "yaml",
    spec: mqtt5(["operations:", "connection:\n  authentication: [kerberos, token]\noperations:"]),
    expected: [
      '11:20 invalid-connection: "kerberos" is no way to authenticate mqttgen knows; expected one of none, username-password, token, sas, x509',
      "11:30 invalid-connection: authentication token needs an Authentication Method",
    ],
  },
  {
    name: "a method where the kind takes none, in markdown",
    syntax: "markdown",
    spec: md(["## Operations", "## Connection\n\n**Authentication**:\n\n| Kind | Authentication Method |\n| :--- | :--- |\n| none | open |\n\n## Operations"]),
    expected: ["11:1 invalid-connection: authentication none takes no Authentication Method"],
  },
  {
    name: "a limit out of range and a port that is none",
    syntax: "yaml",
    spec: mqtt5(["operations:", "connection:\n  limits:\n    receiveMaximum: 0\n  endpoint:\n    port: 70000\n    tls: maybe\noperations:"]),
    expected: [
      '12:21 invalid-connection: limit receiveMaximum is "0"; expected an integer from 1 to 65535',
      '14:11 invalid-connection: port "70000" is not a TCP port (an integer from 1 to 65535)',
      '15:10 invalid-connection: TLS "maybe" is not yes or no',
    ],
  },
  {
    name: "a limit mqttgen does not know, in markdown",
    syntax: "markdown",
    spec: md(["## Operations", "## Connection\n\n**Limits**:\n\n| Limit | Value |\n| :--- | :--- |\n| Max Speed | 3 |\n\n## Operations"]),
    expected: ['11:3 invalid-connection: "Max Speed" is no connection limit mqttgen knows; expected one of Maximum Packet Size, Receive Maximum, Topic Alias Maximum, Maximum QoS, Keep Alive Maximum, Maximum Subscriptions'],
  },
  {
    name: "a response topic from before dialects, in YAML",
    syntax: "yaml",
    spec: yaml(["dialect: iothub", "dialect: iothub\nresponseTopic: $x/responses"]),
    expected: ["5:1 invalid-field: `responseTopic` is part of the dialect now: under `dialect`, write `base: iothub` and `replies` with `sharedTopic: $x/responses` (or only `dialect: iothub` for `$iothub/responses`)"],
  },
];

/** Codes no spec can trigger, each with the test below that covers it instead. */
const NOT_FROM_A_SPEC = new Set(["internal-error"]);

const scratch = mkdtempSync(join(tmpdir(), "mqttgen-diagnostics-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Everything the pipeline reports for `spec`, as `line:col code: message` (the sidecar's with its file). */
async function diagnose(testCase: Pick<Case, "syntax" | "spec" | "sidecar">, name = "spec"): Promise<string[]> {
  const dir = mkdtempSync(join(scratch, "case-"));
  const file = `${name}.${testCase.syntax === "markdown" ? "md" : "yaml"}`;
  writeFileSync(join(dir, file), testCase.spec);
  const sidecar = testCase.sidecar === undefined ? (testCase.syntax === "markdown" ? SIDECAR : null) : testCase.sidecar;
  if (sidecar !== null) writeFileSync(join(dir, `${name}.schemas.json`), sidecar);
  const checked = await checkSpec(join(dir, file), file);
  return checked.diagnostics.map((d) =>
    formatDiagnostic(d)
      .replace(/^spec\.(md|yaml):/, "")
      .replace(/: error /, " ")
      .replace(/: warning /, " warning "),
  );
}

describe("the minimal specs", () => {
  it.each([["markdown"], ["yaml"]] as const)("are valid %s", async (syntax) => {
    expect(await diagnose({ syntax, spec: syntax === "markdown" ? MARKDOWN : YAML })).toEqual([]);
  });

  it("are valid in the standard MQTT 5 dialect too", async () => {
    expect(await diagnose({ syntax: "yaml", spec: MQTT5_YAML })).toEqual([]);
  });
});

describe("broken specs", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_, testCase) => {
    expect(await diagnose(testCase)).toEqual(testCase.expected);
  });

  it("cover every code of the catalogue", () => {
    const covered = new Set(CASES.flatMap((c) => c.expected.map((line) => /^\S+ (?:warning )?([a-z0-9-]+):/.exec(line)?.[1])));
    const uncovered = Object.keys(DIAGNOSTICS).filter((code) => !covered.has(code) && !NOT_FROM_A_SPEC.has(code));
    expect(uncovered).toEqual([]);
  });
});

describe("one run", () => {
  it("reports the problems of the text and of the API it describes at once", async () => {
    const spec = md(["| level | u32 |", "| level | u65 |"], ["`$x/get`", "`$iothub/{any}`"], ["**Reason Code:** 131", "**Reason Code:** 0"]);
    expect(await diagnose({ syntax: "markdown", spec })).toEqual([
      '13:17 topic-conflict: "Get Thing" can match the shared reply topic "$iothub/responses"',
      '19:11 unknown-property-type: property "level" has type "u65"; expected one of u32, u64, i32, string, time',
      "48:1 reason-code-mismatch: status 0100 is client-error but reason code 0 means success",
    ]);
  });
});

describe("internal errors", () => {
  it("are reported in place, never thrown", () => {
    const diagnostics = new DiagnosticCollector("spec.md");
    const at = { start: { line: 7, column: 1 }, end: { line: 7, column: 13 } };
    const read = guarded(diagnostics, "reading an operation", at, () => {
      throw new RangeError("Maximum call stack size exceeded");
    });
    expect(read).toBeUndefined();
    expect(diagnostics.diagnostics.map(formatDiagnostic)).toEqual([
      "spec.md:7:1: error internal-error: mqttgen failed while reading an operation: RangeError: Maximum call stack size exceeded (a bug in mqttgen: please report it with the spec)",
    ]);
  });
});

describe("README", () => {
  it("lists every diagnostic code with its summary", () => {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    for (const [code, entry] of Object.entries(DIAGNOSTICS)) expect(readme).toContain(`| \`${code}\` | ${entry.summary} |`);
  });
});
