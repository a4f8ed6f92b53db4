/** The core logs through this; the extension backs it with a LogOutputChannel, the CLI with stderr. */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Warnings and errors to one sink (the CLI's stderr), prefixed; the rest dropped. */
export function warningsTo(write: (line: string) => void): Logger {
  return { ...silentLogger, warn: (m) => write(`warning: ${m}`), error: (m) => write(String(m)) };
}
