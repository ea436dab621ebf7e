import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../connections/secret-box.js';
import { openTriggerSecret, sealTriggerSecret, triggerSecretOwner } from './trigger-secret.js';

describe('trigger secrets', () => {
  const box = createSecretBox(randomBytes(32));
  const capture = () => {
    const lines: string[] = [];
    return { lines, log: pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }) };
  };

  it('opens only for the trigger it was sealed for', () => {
    const { lines, log } = capture();
    const sealed = sealTriggerSecret(box, triggerSecretOwner.trigger('trg_a'), 'hook-secret');
    expect(sealed).not.toContain('hook-secret');
    expect(openTriggerSecret(box, triggerSecretOwner.trigger('trg_a'), sealed, log)).toBe('hook-secret');
    expect(openTriggerSecret(box, triggerSecretOwner.trigger('trg_b'), sealed, log)).toBeUndefined();
    expect(openTriggerSecret(box, triggerSecretOwner.pendingHandshake('trg_a'), sealed, log)).toBeUndefined();
    expect(lines).toHaveLength(2);
  });

  it('treats a value that is not an envelope as absent and warns without the value', () => {
    const { lines, log } = capture();
    expect(openTriggerSecret(box, triggerSecretOwner.trigger('trg_a'), 'plain.text.secret', log)).toBeUndefined();
    expect(openTriggerSecret(box, triggerSecretOwner.trigger('trg_a'), undefined, log)).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('trigger:trg_a');
    expect(lines[0]).not.toContain('plain');
  });
});
