/** Timers, injected so that the monitor and the scheduler run on a fake clock in tests. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // a pending probe or refresh never keeps a process (the CLI, a test run) alive
    // Stryker disable next-line OptionalChaining: Node's timers always have unref; the ?. is for hosts whose handle is a number
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
