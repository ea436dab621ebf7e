import { JsonInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { insertPill } from '../pills/insert-pill';
import { usePillTarget } from './pill-target';

interface JsonEditorProps {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  description?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
}

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

/** A JSON value; strings inside may hold `{{ }}` references. Only valid JSON reaches the draft. */
export function JsonEditor({ label, value, onChange, description, error, required }: JsonEditorProps) {
  const [text, setText] = useState(() => show(value));
  const [parseError, setParseError] = useState<string | undefined>();
  const selection = useRef({ start: text.length, end: text.length });
  const latest = useRef(text);
  latest.current = text;
  const { setTarget } = usePillTarget();
  const change = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setParseError(undefined);
      onChange(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      setParseError(undefined);
      onChange(parsed);
    } catch {
      setParseError('Not valid JSON yet; the last valid value is kept');
    }
  };
  const remember = (event: { currentTarget: HTMLTextAreaElement }) => {
    selection.current = { start: event.currentTarget.selectionStart, end: event.currentTarget.selectionEnd };
  };
  return (
    <JsonInput
      label={label}
      description={description}
      required={required}
      value={text}
      autosize
      minRows={3}
      maxRows={14}
      // A pill goes in at the cursor as {{path}}; inside a JSON string it becomes a template value.
      onFocus={() => setTarget({ label, insert: (path) => {
        const result = insertPill(latest.current, selection.current, path);
        selection.current = { start: result.cursor, end: result.cursor };
        change(result.text);
      } })}
      onSelect={remember}
      onKeyUp={remember}
      error={parseError ?? error}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      onChange={change}
    />
  );
}
