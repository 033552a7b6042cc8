/** Where progress and warnings go (the action's core.info/warning, the CLI's stderr, a test's sink). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}
