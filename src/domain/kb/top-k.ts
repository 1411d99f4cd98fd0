/** Selection of the best k of a stream of scored rows, without sorting the stream. */

/** A fixed-size min-heap of (score, row): keeps the best k, ties to the lower row. */
export class TopK {
  private readonly rows: Uint32Array;
  private readonly scores: Float64Array;
  size = 0;
  constructor(readonly capacity: number) {
    this.rows = new Uint32Array(Math.max(1, capacity));
    this.scores = new Float64Array(Math.max(1, capacity));
  }
  /** a ranks below b. */
  private worse(ai: number, bi: number): boolean {
    const a = this.scores[ai] ?? 0;
    const b = this.scores[bi] ?? 0;
    return a < b || (a === b && (this.rows[ai] ?? 0) > (this.rows[bi] ?? 0));
  }
  private swap(i: number, j: number): void {
    const r = this.rows[i] ?? 0;
    const s = this.scores[i] ?? 0;
    this.rows[i] = this.rows[j] ?? 0;
    this.scores[i] = this.scores[j] ?? 0;
    this.rows[j] = r;
    this.scores[j] = s;
  }
  push(row: number, score: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      let i = this.size++;
      this.rows[i] = row;
      this.scores[i] = score;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    const root = this.scores[0] ?? 0;
    if (score < root || (score === root && row > (this.rows[0] ?? 0))) return;
    this.rows[0] = row;
    this.scores[0] = score;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
  /** Rows, best first. */
  sorted(): number[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0));
    return order.map((i) => this.rows[i] ?? 0);
  }
}
