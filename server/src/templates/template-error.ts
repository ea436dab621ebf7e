export type TemplateErrorCode = 'TEMPLATE_SYNTAX' | 'TEMPLATE_PIPE';

/**
 * A template that cannot be parsed (`TEMPLATE_SYNTAX`) or a pipe that cannot handle its value
 * (`TEMPLATE_PIPE`). `source` is the whole template string and `position` a 0-based offset into it,
 * so editors can point at the exact character.
 */
export class TemplateError extends Error {
  constructor(
    readonly code: TemplateErrorCode,
    message: string,
    readonly source: string,
    readonly position: number,
    readonly pipe?: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}
