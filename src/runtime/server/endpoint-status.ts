/**
 * The statuses the server endpoint itself produces, independent of any operation (PROTOCOL.md F30 gives
 * their names and reason codes). Everything else comes from handlers as `StatusError`s.
 */

/** `0100` Bad Request, reason code 131: malformed message, unknown property, missing Correlation Data. */
export const BAD_REQUEST = { status: "0100", reasonCode: 0x83 } as const;
/** `0101` Not Authorized, reason code 135: a rejected SAS. */
export const NOT_AUTHORIZED = { status: "0101", reasonCode: 0x87 } as const;
/** `0504` Not Found, reason code 131: a PUBLISH to a topic no operation defines (C12). */
export const NOT_FOUND = { status: "0504", reasonCode: 0x83 } as const;
/** `0601` Server Error, reason code 131: a handler failed with something other than a `StatusError`. */
export const SERVER_ERROR = { status: "0601", reasonCode: 0x83 } as const;
/** `0603` Server Busy: what a client's PUBACK carries to abandon a command (E26). */
export const ABANDON_STATUS = "0603";
/** `06A0` Target Unavailable, reason code 131: the client is not connected or not subscribed. */
export const TARGET_UNAVAILABLE = { status: "06A0", reasonCode: 0x83 } as const;
/** `06A2` Target Failed, reason code 131: the client's response to a server→client request did not decode. */
export const TARGET_FAILED = { status: "06A2", reasonCode: 0x83 } as const;
/** `06A1` Target Timeout, reason code 131: the client did not answer a server→client request in time. */
export const TARGET_TIMEOUT = { status: "06A1", reasonCode: 0x83 } as const;
