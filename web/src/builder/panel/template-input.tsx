import { Input, Pill, Textarea } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { insertPill } from '../pills/insert-pill';
import { pillLabel } from '../pills/pill-label';
import { templateSegments } from '../pills/template-segments';
import { usePillTarget } from './pill-target';

interface TemplateInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  description?: string | undefined;
  placeholder?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  multiline?: boolean | undefined;
}

/**
 * A text value that may hold `{{ }}` references. At rest the references show as chips; focusing (click,
 * Tab or Enter) shows the text to edit. The field focused last receives pills clicked in the pill panel,
 * at its cursor.
 */
export function TemplateInput({ label, value, onChange, description, placeholder, error, required, multiline }: TemplateInputProps) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const selection = useRef({ start: value.length, end: value.length });
  const latest = useRef(value);
  latest.current = value;
  const { target, setTarget } = usePillTarget();
  const segments = templateSegments(value);
  const showChips = !editing && segments.some((segment) => segment.kind === 'pill');

  const activate = () =>
    setTarget({
      label,
      insert: (path) => {
        const result = insertPill(latest.current, selection.current, path);
        selection.current = { start: result.cursor, end: result.cursor };
        onChange(result.text);
      },
    });
  const remember = () => {
    const element = textarea.current;
    if (element) selection.current = { start: element.selectionStart, end: element.selectionEnd };
  };
  const startEditing = () => {
    setEditing(true);
    activate();
    requestAnimationFrame(() => textarea.current?.focus());
  };

  if (showChips) {
    return (
      <Input.Wrapper label={label} description={description} error={error} required={required} id={id} data-field={label}>
        <Input
          component="div"
          role="button"
          tabIndex={0}
          aria-label={`${label}: ${value}. Press Enter to edit`}
          aria-invalid={error !== undefined}
          onClick={startEditing}
          onKeyDown={(event: React.KeyboardEvent) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              startEditing();
            }
          }}
          multiline
          style={target?.label === label ? { outline: '2px solid var(--mantine-color-blue-2)' } : undefined}
        >
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 4, padding: '6px 0', cursor: 'text' }}>
            {segments.map((segment, index) =>
              segment.kind === 'text' ? (
                <span key={index} style={{ whiteSpace: 'pre-wrap' }}>
                  {segment.text}
                </span>
              ) : (
                <Pill key={index} bg="blue.1" c="blue.9" title={segment.raw}>
                  {pillLabel(segment.path, segment.pipes)}
                </Pill>
              ),
            )}
          </div>
        </Input>
      </Input.Wrapper>
    );
  }
  return (
    <Textarea
      ref={textarea}
      label={label}
      description={description}
      placeholder={placeholder}
      error={error}
      required={required}
      value={value}
      autosize
      minRows={multiline ? 3 : 1}
      maxRows={multiline ? 12 : 4}
      data-field={label}
      onChange={(event) => {
        onChange(event.currentTarget.value);
        selection.current = { start: event.currentTarget.selectionStart, end: event.currentTarget.selectionEnd };
      }}
      onFocus={() => {
        setEditing(true);
        activate();
      }}
      onSelect={remember}
      onKeyUp={remember}
      onKeyDown={(event) => {
        // One-line values (URLs, ids) never hold a line break.
        if (!multiline && event.key === 'Enter') event.preventDefault();
      }}
      onBlur={() => {
        remember();
        setEditing(false);
      }}
    />
  );
}
