import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../connections/secret-box.js';
import { openSubscription, openTriggerSecret, sealSubscription, sealTriggerSecret, triggerSecretOwner } from './trigger-secret.js';

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

  it('seals captured values for the trigger, and reads ones stored before sealing as they are', () => {
    const { lines, log } = capture();
    const stored = sealSubscription(box, 'trg_a', { id: 'we_1', captured: { secret: 'whsec_x' }, expiresAt: 5 }, 'sealed-ours');
    expect(JSON.stringify(stored)).not.toContain('whsec_x');
    expect(stored).toMatchObject({ id: 'we_1', secret: 'sealed-ours', expiresAt: 5 });
    expect(openSubscription(box, 'trg_a', stored, log)).toEqual({ id: 'we_1', captured: { secret: 'whsec_x' }, expiresAt: 5 });
    expect(openSubscription(box, 'trg_b', stored, log).captured).toEqual({});
    expect(openSubscription(box, 'trg_a', { id: 'we_1', captured: { secret: 'legacy' }, secret: 's' }, log)).toEqual({ id: 'we_1', captured: { secret: 'legacy' } });
    expect(lines).toHaveLength(1);
  });
});
