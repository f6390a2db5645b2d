/**
 * A received packet that breaks a rule of MQTT 5, with the reason code the connection is closed with
 * (§4.13: 0x81 Malformed Packet when it cannot be parsed as the specification says, 0x82 Protocol Error
 * when it parses but breaks a rule, or a more specific code). Thrown inside the packet checks and
 * returned from them as a value.
 */
import { ReasonCode } from "./reason-codes.js";

export class PacketViolation extends Error {
  constructor(
    readonly reasonCode: number,
    message: string,
  ) {
    super(message);
  }

  static malformed(message: string): PacketViolation {
    return new PacketViolation(ReasonCode.MalformedPacket, message);
  }

  static protocol(message: string): PacketViolation {
    return new PacketViolation(ReasonCode.ProtocolError, message);
  }
}
