/** Where the endpoint reports what it cannot tell a client: handler crashes, refused connections, protocol errors. */
export interface ServerLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** The default: warnings and errors to the console, informational messages dropped. */
export const consoleServerLogger: ServerLogger = {
  info() {},
  warn: (message, details) => console.warn(`mqttgen server: ${message}`, details ?? ""),
  error: (message, details) => console.error(`mqttgen server: ${message}`, details ?? ""),
};
