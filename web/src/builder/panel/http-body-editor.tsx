import { Input, SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { httpBodyKindOf, httpBodyKinds, switchHttpBody, type HttpBodyKind } from '../forms/http-body';
import { writeField } from '../forms/form-field';
import { JsonEditor } from './json-editor';
import { KeyValueEditor } from './key-value-editor';
import { TemplateInput } from './template-input';

interface HttpBodyEditorProps {
  label: string;
  /** The whole step input: the body is one of its `json`, `form` and `body` keys. */
  input: Record<string, unknown>;
  onChange: (input: Record<string, unknown>) => void;
  error?: string | undefined;
}

/** A `core/http` body: none, JSON, a urlencoded form (name → value rows) or raw text; values may hold pills. */
export function HttpBodyEditor({ label, input, onChange, error }: HttpBodyEditorProps) {
  // Chosen but still empty (a JSON body not yet typed) is remembered here; a body in the input wins.
  const [chosen, setChosen] = useState<HttpBodyKind>(httpBodyKindOf(input) ?? 'none');
  const kind = httpBodyKindOf(input) ?? chosen;
  const choose = (next: string) => {
    const picked = httpBodyKinds.find((option) => option.value === next)?.value ?? 'none';
    setChosen(picked);
    onChange(switchHttpBody(input, picked));
  };
  const write = (key: 'json' | 'form' | 'body', value: unknown) => onChange(writeField(input, key, value));
  return (
    <Input.Wrapper label={label} error={error}>
      <Stack gap="xs" mt={4}>
        <SegmentedControl size="xs" value={kind} onChange={choose} data={httpBodyKinds} aria-label={`${label}: kind`} style={{ alignSelf: 'flex-start' }} />
        {kind === 'json' && <JsonEditor label="JSON body" value={input['json']} onChange={(value) => write('json', value)} />}
        {kind === 'form' && <KeyValueEditor label="Form field" value={input['form']} onChange={(value) => write('form', value)} />}
        {kind === 'body' && (
          <TemplateInput
            label="Raw body"
            description="Sent as text/plain unless a Content-Type header says otherwise"
            multiline
            value={typeof input['body'] === 'string' ? input['body'] : ''}
            onChange={(text) => write('body', text)}
          />
        )}
      </Stack>
    </Input.Wrapper>
  );
}
