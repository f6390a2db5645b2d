// Child process of the benchmark: runs the mqttgen CLI in-process and reports its peak memory on exit.
import { writeFileSync } from "node:fs";
import { main } from "../dist/src/cli.js";

const [reportPath, ...argv] = process.argv.slice(2);
const code = await main(argv);
writeFileSync(reportPath, JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS }));
process.exitCode = code;
