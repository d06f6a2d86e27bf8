// The logging surface the services need. pino's Logger satisfies it, and so does a thin
// console adapter, so hosts (Electron, web host, tests) choose their own logger.
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}
