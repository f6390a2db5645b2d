#!/usr/bin/env node
// Entry of the `mqttgen` command: runs the compiled CLI (`npm install` builds it into dist/).
import { main } from "../dist/src/cli.js";

process.exitCode = await main(process.argv.slice(2));
