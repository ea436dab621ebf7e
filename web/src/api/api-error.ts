import type { Problem } from '@switchyard/server/contracts';

/** A failed API call: the server's `{ error: { code, message, problems } }`, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The problem whose JSON pointer is exactly `path`, for showing next to that field. */
  problemAt(path: string): string | undefined {
    return this.problems.find((problem) => problem.path === path)?.message;
  }
}

/** The server writes messages in lower case without a full stop; people read sentences. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A readable sentence for any error a query or mutation threw. */
export function errorMessage(error: unknown): string {
  return sentence(error instanceof Error ? error.message : String(error));
}
