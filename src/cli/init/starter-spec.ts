/**
 * The spec `mqttgen init` writes: a small thermostat API in the YAML form, one operation of each kind
 * (a request with a response, a telemetry message acknowledged at QoS 1, a command from the server), with
 * payload schemas, so that the first `mqttgen generate` gives a client, a server and docs worth reading.
 * It declares the standard MQTT 5 dialect: the device sets Response Topic and Correlation Data on its
 * requests, outcomes travel as reason codes and a `status` user property, and every topic names the client,
 * so a broker's ACL can confine each device to its own topics.
 */
export function starterSpec(title: string, topicRoot: string): string {
  return `# yaml-language-server: $schema=../node_modules/mqttgen/src/parse/yaml/api.schema.json
# The format: node_modules/mqttgen/src/parse/yaml/FORMAT.md. Edit, then run: npx mqttgen generate
mqttgen: 1
title: ${title}
apiVersion: "1.0"
dialect:
  base: mqtt5
  outcome:
    statusProperty: status
  runtimeStatuses:
    badRequest: bad-request
    serverError: server-error
topicParameters:
  - name: clientId
    description: The device's own client id.
operations:
  - name: Get Settings
    summary: Reads the settings of the thermostat.
    direction: client-to-server
    interaction: request-response
    topic: ${topicRoot}/{clientId}/settings/get
    request: {}
    success:
      payload: Settings
    alternatives:
      - status: bad-request
        name: Bad Request
  - name: Send Reading
    summary: Reports a temperature reading; the server acknowledges it.
    direction: client-to-server
    interaction: message-ack
    qos: 1
    topic: ${topicRoot}/{clientId}/readings
    message:
      properties:
        - name: sequence
          type: u32
          required: true
          description: Counts the readings since the device started.
      payload: Reading
    success: {}
    alternatives:
      - status: bad-request
        name: Bad Request
  - name: Receive Setpoint
    summary: The server sets the target temperature; the device acknowledges it.
    direction: server-to-client
    interaction: message-ack
    qos: 1
    topic: ${topicRoot}/{clientId}/setpoint
    message:
      payload: Setpoint
    success: {}
    alternatives:
      - status: bad-request
        name: Bad Request
responses:
  - status: bad-request
    name: Bad Request
    description: The message is malformed or breaks its schema.
    reasonCode: 131
    class: client-error
  - status: server-error
    name: Server Error
    description: The server failed.
    reasonCode: 128
    class: server-error
payloadTypes:
  - name: Settings
    description: What the thermostat is set to.
    schema:
      type: object
      properties:
        setpoint:
          type: number
        unit:
          enum: [celsius, fahrenheit]
      required: [setpoint, unit]
  - name: Reading
    schema:
      type: object
      properties:
        temperature:
          type: number
        at:
          type: string
          format: date-time
      required: [temperature]
  - name: Setpoint
    schema:
      type: object
      properties:
        setpoint:
          type: number
      required: [setpoint]
`;
}
