// A child process for bench/wire.js: the local hub (compiled dist/), any device without SAS, no event
// lines, Receive Maximum 100 so clients can keep 100 QoS 1 messages in flight. Prints its port.
import { LocalHub } from "../dist/examples/hub/local-hub.js";

const hub = await LocalHub.start({ port: 0, allowAny: true, limits: { receiveMaximum: 100 } });
process.stdout.write(`${hub.port}\n`);
process.once("SIGTERM", () => void hub.stop().then(() => process.exit(0)));
