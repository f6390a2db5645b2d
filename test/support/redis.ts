/**
 * Redis for the scale-out tests (the server itself is in redis-server.js, shared with the benchmark):
 * skipped with a visible reason where Debian's `redis-server` is missing, a failure under
 * `MQTTGEN_REQUIRE_SYSTEM_TOOLS=1`.
 */
import { REDIS_SERVER } from "./redis-server.js";
import { systemToolSkipReason } from "./system-tools.js";

export { startRedis, type RedisServer } from "./redis-server.js";

export function redisSkipReason(): string | undefined {
  return systemToolSkipReason([REDIS_SERVER], "redis-server");
}
