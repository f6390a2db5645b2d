/**
 * The spec `mqttgen init` writes: a small thermostat API in the YAML form, one operation of each kind
 * (a request with a response, a telemetry message acknowledged at QoS 1, a command from the server), with
 * payload schemas, so that the first `mqttgen generate` gives a client, a server and docs worth reading.
 * It declares the IoT Hub dialect (one shared response topic, four-hex-digit statuses in a `status`
 * property), the one generated clients and servers run today; once they run every dialect (issue 10), the
 * starter is to declare `dialect: mqtt5`.
 */
export function starterSpec(title: string, topicRoot: string): string {
  return `# yaml-language-server: $schema=../node_modules/mqttgen/src/parse/yaml/api.schema.json
# The format: node_modules/mqttgen/src/parse/yaml/FORMAT.md. Edit, then run: npx mqttgen generate
mqttgen: 1
title: ${title}
apiVersion: "1.0"
dialect: iothub
operations:
  - name: Get Settings
    summary: Reads the settings of the thermostat.
    direction: client-to-server
    interaction: request-response
    topic: ${topicRoot}/settings/get
    request: {}
    success:
      payload: Settings
    alternatives:
      - status: "0100"
        name: Bad Request
  - name: Send Reading
    summary: Reports a temperature reading; the server acknowledges it.
    direction: client-to-server
    interaction: message-ack
    qos: 1
    topic: ${topicRoot}/readings
    message:
      properties:
        - name: sequence
          type: u32
          required: true
          description: Counts the readings since the device started.
      payload: Reading
    success: {}
    alternatives:
      - status: "0100"
        name: Bad Request
  - name: Receive Setpoint
    summary: The server sets the target temperature; the device acknowledges it.
    direction: server-to-client
    interaction: message-ack
    qos: 1
    topic: ${topicRoot}/setpoint
    message:
      payload: Setpoint
    success: {}
    alternatives:
      - status: "0100"
        name: Bad Request
responses:
  - status: "0000"
    name: OK
    description: The request succeeded.
    reasonCode: 0
  - status: "0100"
    name: Bad Request
    description: The message is malformed or breaks its schema.
    reasonCode: 131
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
