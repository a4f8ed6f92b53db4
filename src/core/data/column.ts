/** A growable typed array: rows arrive one at a time, and a million of them stay compact. */
class GrowableColumn<T extends Float64Array | Uint32Array> {
  private data: T;
  length = 0;

  constructor(private readonly allocate: (size: number) => T) {
    this.data = allocate(256);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.allocate(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  toArray(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/** A column of numbers. */
export class Column extends GrowableColumn<Float64Array> {
  constructor() {
    super((size) => new Float64Array(size));
  }
}

/** A column of non-negative integers below 2^32 (line numbers, indexes) at half the size. */
export class IndexColumn extends GrowableColumn<Uint32Array> {
  constructor() {
    super((size) => new Uint32Array(size));
  }
}
