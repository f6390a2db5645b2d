#!/usr/bin/env node
// `npm run hub`: the local IoT Hub stand-in (examples/hub/), from the compiled dist/ (`npm run build`).
import { main } from "../../dist/examples/hub/main.js";

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
