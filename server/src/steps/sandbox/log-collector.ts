const maxLines = 100;
const maxLineLength = 1024;

/** Console output of one run, bounded so a chatty loop cannot bloat the run's stored output. */
export class LogCollector {
  readonly lines: string[] = [];
  dropped = 0;

  /** `read` is only called while there is room, so dropped lines are never copied out of the sandbox. */
  add(level: string, read: () => string): void {
    if (this.lines.length >= maxLines) {
      this.dropped++;
      return;
    }
    const text = read();
    // Plain output stays as written; warnings and errors keep their level so they stand out in the run view.
    const line = level === 'warn' || level === 'error' ? `${level}: ${text}` : text;
    this.lines.push(line.length > maxLineLength ? `${line.slice(0, maxLineLength - 1)}…` : line);
  }
}
