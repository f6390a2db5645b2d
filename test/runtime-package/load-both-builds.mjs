// Loads the ESM and the CommonJS build of @mqttgen/runtime (packages/runtime/dist, made by `npm run build`)
// into this one Node process, as an application whose dependencies import and require the package does,
// and prints as JSON what `instanceof` and the server's outcome mapping make of one copy's errors in the
// other. Run by dual-package.test.ts; plain JavaScript so that nothing maps the package to its sources.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const esm = await import("@mqttgen/runtime/client");
const cjs = require("@mqttgen/runtime/client");
// The server's outcome mapping is internal, so it is loaded by file, bypassing the package's exports.
const built = (format) => require.resolve("@mqttgen/runtime/package.json").replace(/package\.json$/, `dist/${format}/`);
const esmOutcome = await import(pathToFileURL(`${built("esm")}server/outcome.js`).href);
const cjsOutcome = require(`${built("cjs")}server/outcome.js`);

const copies = { esm, cjs };
const other = { esm: "cjs", cjs: "esm" };
const instanceOf = {};
for (const [from, made] of Object.entries(copies)) {
  const to = copies[other[from]];
  const statusError = new made.StatusError({ reasonCode: 0x87, status: "not-authorized", reason: "not yours" });
  const refused = new made.ConnectionRefusedError({ reasonCode: 0x86 });
  const condition = new made.RuntimeConditionError("notFound", "no such lock");
  const timeout = new made.RequestTimeoutError("get-lock-state", 100);
  instanceOf[`${from} → ${other[from]}`] = {
    "StatusError instanceof StatusError": statusError instanceof to.StatusError,
    "ConnectionRefusedError instanceof StatusError": refused instanceof to.StatusError,
    "ConnectionRefusedError instanceof ConnectionRefusedError": refused instanceof to.ConnectionRefusedError,
    "StatusError instanceof ConnectionRefusedError": statusError instanceof to.ConnectionRefusedError,
    "RuntimeConditionError instanceof RuntimeConditionError": condition instanceof to.RuntimeConditionError,
    "RuntimeConditionError instanceof StatusError": condition instanceof to.StatusError,
    "RequestTimeoutError instanceof RequestTimeoutError": timeout instanceof to.RequestTimeoutError,
    "Error instanceof StatusError": new Error("plain") instanceof to.StatusError,
  };
}

// What a server of one copy answers for a handler that threw the other copy's errors.
const api = { dialect: { runtimeStatuses: {} }, statuses: {} };
const logged = [];
const logger = { info() {}, warn() {}, error: (message) => logged.push(message) };
const thrownBy = (outcome, error) => outcome.failureFromError(api, error, logger, {});
const notAuthorized = new cjs.StatusError({ reasonCode: 0x87, status: "not-authorized" });
const notFound = new esm.RuntimeConditionError("notFound", "no such lock");
const failures = {
  "cjs StatusError, esm server": thrownBy(esmOutcome, notAuthorized),
  "esm RuntimeConditionError, cjs server": thrownBy(cjsOutcome, notFound),
};

console.log(JSON.stringify({ twoCopies: esm.StatusError !== cjs.StatusError, instanceOf, failures, logged }));
