import { Worker } from 'node:worker_threads';

/** What a worker posts back for a task: its result, an error it threw, or a progress message. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: string;
      readonly name?: string;
      readonly fields?: Readonly<Record<string, unknown>>;
    }
  | { readonly id: number; readonly progress: unknown };

/** A task that failed inside its worker (the worker itself is fine). */
export class TaskError extends Error {
  constructor(
    message: string,
    /** The name of the error the worker threw (e.g. `DataError`). */
    readonly kind: string,
    /** Its own fields (a DataError's file and line), so that the caller can rebuild it. */
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'TaskError';
  }
}

/** A task whose worker died under it twice (a crash, running out of memory). */
export class WorkerCrashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}

export interface PoolOptions {
  /** The worker's script (a CommonJS file). */
  readonly script: string;
  /** How many workers run at once. */
  readonly size: number;
  readonly workerData?: unknown;
  /** The heap a worker may use, in MB (a runaway task stops its worker, not the host). */
  readonly maxHeapMb?: number;
}

interface Task {
  readonly id: number;
  readonly message: unknown;
  readonly onProgress: ((progress: unknown) => void) | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  attempts: number;
}

interface Slot {
  worker: Worker;
  task: Task | undefined;
}

/**
 * A fixed number of worker threads that run tasks one at a time each. A worker that dies
 * with a task (an uncaught error, out of memory, exit) is replaced and the task retried
 * once; a second death fails that task only. `cancel` stops every worker at once and fails
 * every task not yet done with an AbortError.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private closeReason: Error | undefined;

  constructor(private readonly options: PoolOptions) {
    if (!(options.size >= 1)) throw new RangeError('a pool needs at least one worker');
  }

  /** Workers started so far, replacements included (for tests and the log). */
  started = 0;

  /** Runs a task on the next free worker. `message` is structured-cloned (never transferred, so a retry can resend it). */
  run<T>(message: unknown, onProgress?: (progress: unknown) => void): Promise<T> {
    if (this.closed) return Promise.reject(this.closeReason ?? abortError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        message,
        onProgress,
        resolve: resolve as (value: unknown) => void,
        reject,
        attempts: 0,
      });
      this.pump();
    });
  }

  /** Tasks waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Stops every worker now; tasks in flight or waiting fail with an AbortError. */
  cancel(reason: Error = abortError()): void {
    this.shutdown(reason);
  }

  /** Stops the workers once nothing is left to do (tasks still queued fail). */
  close(): void {
    this.shutdown(abortError('the pool is closed'));
  }

  private shutdown(reason: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.closeReason = reason;
    for (const slot of this.slots) {
      const task = slot.task;
      slot.task = undefined;
      void slot.worker.terminate();
      task?.reject(reason);
    }
    this.slots.length = 0;
    for (const task of this.queue.splice(0)) task.reject(reason);
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === undefined);
      if (!slot) {
        if (this.slots.length >= this.options.size) return;
        slot = this.spawn();
      }
      const task = this.queue.shift() as Task;
      task.attempts++;
      slot.task = task;
      // a busy worker keeps the process alive (the CLI awaits it); an idle one does not
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, task: task.message, attempt: task.attempts });
    }
  }

  private spawn(): Slot {
    this.started++;
    const worker = new Worker(this.options.script, {
      workerData: this.options.workerData,
      ...(this.options.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } } : {}),
    });
    const slot: Slot = { worker, task: undefined };
    this.slots.push(slot);
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on('error', (error) => this.onDeath(slot, error.message));
    worker.on('exit', (code) => this.onDeath(slot, `the worker exited with code ${code}`));
    // an idle worker must not keep the process alive
    worker.unref();
    return slot;
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    const task = slot.task;
    if (!task || reply.id !== task.id) return;
    if ('progress' in reply) {
      task.onProgress?.(reply.progress);
      return;
    }
    slot.task = undefined;
    slot.worker.unref();
    if (reply.ok) task.resolve(reply.result);
    else task.reject(new TaskError(reply.error, reply.name ?? 'Error', reply.fields));
    this.pump();
  }

  private onDeath(slot: Slot, why: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return; // already replaced (error is followed by exit), or the pool is shut
    this.slots.splice(i, 1);
    const task = slot.task;
    slot.task = undefined;
    void slot.worker.terminate();
    if (task) {
      if (task.attempts < 2) this.queue.unshift(task);
      else task.reject(new WorkerCrashError(`a worker died twice on this task (${why})`));
    }
    this.pump();
  }
}

/** The error a cancelled task fails with (`name` is AbortError, as for fetch). */
export function abortError(message = 'the fleet forecast was cancelled'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

/** The code a worker runs: answers each task with `handle`'s result, or the error it threw. */
export function serveTasks(
  port: { postMessage(m: unknown): void; on(event: 'message', f: (m: unknown) => void): void },
  handle: (task: unknown, progress: (p: unknown) => void, attempt: number) => Promise<unknown> | unknown,
): void {
  port.on('message', (m) => {
    const { id, task, attempt } = m as { id: number; task: unknown; attempt: number };
    void (async () => {
      try {
        const result = await handle(task, (progress) => port.postMessage({ id, progress }), attempt);
        port.postMessage({ id, ok: true, result });
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        const fields: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(e))
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
        port.postMessage({ id, ok: false, error: e.message, name: e.name, fields });
      }
    })();
  });
}
