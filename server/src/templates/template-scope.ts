/**
 * What `{{ … }}` paths resolve against, typically
 * `{ trigger, steps: { <id>: { output } }, loop: { item, index } }`.
 */
export type TemplateScope = Record<string, unknown>;
