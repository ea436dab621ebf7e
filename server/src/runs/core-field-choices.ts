import { operations } from '../steps/formatter-step.js';

export interface FieldChoice {
  label: string;
  value: string;
}

// By `<step key>.<field>`: the builder asks for these as it asks a pack for a field's dynamic choices.
const choicesByField: Readonly<Record<string, readonly FieldChoice[]>> = {
  'formatter.operation': operations.map(({ name, description }) => ({ label: `${name} — ${description}`, value: name })),
};

/** The choices of a core step's field that the server lists itself (the formatter's operations), or undefined. */
export function coreFieldChoices(key: string, field: string): readonly FieldChoice[] | undefined {
  const id = `${key}.${field}`;
  return Object.hasOwn(choicesByField, id) ? choicesByField[id] : undefined;
}
