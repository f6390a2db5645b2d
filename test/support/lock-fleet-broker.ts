/**
 * The Mosquitto users and ACL the lock-fleet tests run the API through: a service user that serves every
 * lock (and its worker's internal topics), and locks confined to `clients/<their id>/…`.
 */
export const LOCK_FLEET_USERS = { "lock-service": "svc-pw", lock1: "pw-1", lock2: "pw-2" };

export const LOCK_FLEET_ACL = [
  "user lock-service",
  "topic readwrite clients/#",
  "topic readwrite mqttgen/smart-lock-fleet-api/servers/lock-service/#",
  "pattern readwrite clients/%c/#",
];
