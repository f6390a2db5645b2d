/** The Mosquitto configuration derived from a table: each case an API and the exact ACL it gets. */
import { describe, expect, it } from "vitest";
import { mosquittoAcl, mosquittoFiles } from "../../src/runtime/index.js";
import { iothubApi } from "../../generated/iothub/api.js";
import { lockFleetApi } from "../../generated/lock-fleet/api.js";
import { awsIotShadowApi } from "../../generated/aws-iot-shadow/api.js";

describe("mosquittoAcl", () => {
  it("confines each lock to its own topics, and lets the service user serve them all", () => {
    expect(mosquittoAcl(lockFleetApi, { through: "broker", workerUser: "lock-service" })).toEqual([
      "# Smart Lock Fleet API: devices on the broker, each confined to its own topics (%c is its client id)",
      "user lock-service",
      "topic read clients/+/locks/+/state/get",
      "topic read clients/+/locks/+/code/set",
      "topic read clients/+/events",
      "topic write clients/+/commands/unlock/+",
      "topic write clients/+/firmware",
      "topic write clients/+/diagnostics/+",
      "topic readwrite clients/+/replies/#",
      "topic readwrite mqttgen/smart-lock-fleet-api/servers/#",
      "",
      "pattern write clients/%c/locks/+/state/get",
      "pattern write clients/%c/locks/+/code/set",
      "pattern write clients/%c/events",
      "pattern read clients/%c/commands/unlock/+",
      "pattern read clients/%c/firmware",
      "pattern read clients/%c/diagnostics/+",
      "pattern readwrite clients/%c/replies/#",
    ]);
  });

  it("gives a thing its accepted and rejected topics to read, under a namespace of the caller's choosing", () => {
    const acl = mosquittoAcl(awsIotShadowApi, { through: "broker", workerUser: "svc", namespace: "internal/shadow" });
    expect(acl).toContain("pattern write $aws/things/%c/shadow/get");
    expect(acl).toContain("pattern read $aws/things/%c/shadow/get/accepted");
    expect(acl).toContain("pattern read $aws/things/%c/shadow/get/rejected");
    expect(acl).toContain("topic write $aws/things/+/shadow/get/accepted");
    expect(acl).toContain("topic readwrite internal/shadow/servers/#");
  });

  it("keeps devices off the broker behind gateways, and splits the internal topics between gateways and workers", () => {
    expect(
      mosquittoAcl(iothubApi, { through: "gateways", workerUser: "hub-worker", gatewayUser: "hub-gateway" }),
    ).toEqual([
      "# IoT Hub data plane MQTT 5 API reference: devices connect to gateways; the broker carries gateways' forwards and workers' calls",
      "user hub-gateway",
      "topic write mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices/+/up/+",
      "topic read mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices/+/down/+",
      "topic readwrite mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices/+/session",
      "topic readwrite mqttgen/iot-hub-data-plane-mqtt-5-api-reference/servers/#",
      "",
      "user hub-worker",
      "topic read mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices/+/up/+",
      "topic write mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices/+/down/+",
      "topic readwrite mqttgen/iot-hub-data-plane-mqtt-5-api-reference/servers/#",
    ]);
  });

  it("refuses to put IoT Hub devices on the broker, naming the topics that carry no client", () => {
    const acl = () => mosquittoAcl(iothubApi, { through: "broker", workerUser: "svc" });
    expect(acl).toThrow(/IoT Hub data plane MQTT 5 API reference cannot confine devices to their own topics/);
    expect(acl).toThrow(/get-twin: topic \$iothub\/twin\/get has no client-id level/);
  });

  it("writes mosquitto.conf with the listener, the files and the settings workers need", () => {
    const files = mosquittoFiles(lockFleetApi, {
      through: "broker",
      workerUser: "lock-service",
      port: 8883,
      passwordFile: "/etc/mosquitto/lock/passwords",
      aclFile: "/etc/mosquitto/lock/acl",
    });
    expect(files.conf.split("\n")).toEqual([
      "# Smart Lock Fleet API (api-version 2025-01-15): devices and workers",
      "listener 8883",
      "allow_anonymous false",
      "password_file /etc/mosquitto/lock/passwords",
      "acl_file /etc/mosquitto/lock/acl",
      "max_queued_messages 0",
      "persistence true",
      "set_tcp_nodelay true",
      "persistence_location /var/lib/mosquitto/",
      "",
    ]);
    expect(files.acl.startsWith("# Smart Lock Fleet API: devices on the broker")).toBe(true);
  });
});
