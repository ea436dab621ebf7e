/**
 * Hands out keys that are unique within one scope (an action's input, the connection, the pack's actions).
 * A taken key gets `<separator>2`, `<separator>3`, … and stays within `maxLength`.
 */
export class KeyAllocator {
  private readonly taken = new Set<string>();

  constructor(
    private readonly separator: '_' | '-',
    private readonly maxLength = 64,
  ) {}

  take(base: string): string {
    if (!this.taken.has(base)) {
      this.taken.add(base);
      return base;
    }
    // Bounded: at most taken.size + 1 suffixes can collide.
    for (let n = 2; n <= this.taken.size + 2; n += 1) {
      const suffix = `${this.separator}${n}`;
      const candidate = `${base.slice(0, this.maxLength - suffix.length)}${suffix}`;
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
    throw new Error('unreachable: no free key');
  }

  has(key: string): boolean {
    return this.taken.has(key);
  }
}
