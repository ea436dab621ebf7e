/** Warnings for one conversion, capped so a huge spec cannot produce a huge answer. */
export class WarningList {
  private readonly items: string[] = [];
  private readonly seen = new Set<string>();
  private dropped = 0;

  constructor(private readonly max = 200) {}

  add(message: string): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    if (this.items.length < this.max) this.items.push(message);
    else this.dropped += 1;
  }

  list(): string[] {
    return this.dropped === 0 ? [...this.items] : [...this.items, `… and ${this.dropped} more warnings`];
  }
}
