/** A growable column of numbers: rows arrive one at a time, and a million of them stay compact. */
export class Column {
  private data = new Float64Array(256);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  toArray(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** As Column, for non-negative integers below 2^32 (line numbers, indexes) at half the size. */
export class IndexColumn {
  private data = new Uint32Array(256);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  toArray(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}
