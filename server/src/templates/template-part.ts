/** A pipe argument: templates only allow literals, never paths, so pipes stay pure and checkable. */
export type PipeArg = string | number | boolean | null;

export interface TemplatePipe {
  name: string;
  args: PipeArg[];
  /** Offset of the pipe name in the template string. */
  position: number;
}

export interface TemplateExpression {
  kind: 'expression';
  path: string[];
  pipes: TemplatePipe[];
  /** The raw `{{ … }}` text, braces included. */
  source: string;
  /** Offset of the opening `{{` in the template string. */
  position: number;
}

export interface TemplateText {
  kind: 'text';
  text: string;
}

export type TemplatePart = TemplateText | TemplateExpression;
