import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.js';

const scope = { price: '1,234.5', int: '42', n: -7.25, bad: 'abc', yes: true, list: [1] };
const render = (text: string): unknown => renderTemplate(text, scope);

describe('number pipes', () => {
  it('number parses numbers and numeric strings', () => {
    expect(render('{{ price | number }}')).toBe(1234.5);
    expect(render('{{ int | number }}')).toBe(42);
    expect(render('{{ n | number }}')).toBe(-7.25);
    expect(renderTemplate('{{ v | number }}', { v: ' 1e3 ' })).toBe(1000);
  });

  it.each(['bad', 'yes', 'list'])('number rejects %s', (key) => {
    expect(() => render(`{{ ${key} | number }}`)).toThrow(expect.objectContaining({ code: 'TEMPLATE_PIPE', pipe: 'number' }));
  });

  it.each(['', '0x10', 'Infinity', 'NaN', '1.2.3'])('number rejects the string %j', (value) => {
    expect(() => renderTemplate('{{ v | number }}', { v: value })).toThrow('cannot convert');
  });

  it('round rounds half away from zero without float surprises', () => {
    expect(renderTemplate('{{ v | round: 2 }}', { v: 1.005 })).toBe(1.01);
    expect(renderTemplate('{{ v | round }}', { v: 2.5 })).toBe(3);
    expect(renderTemplate('{{ v | round }}', { v: -2.5 })).toBe(-3);
    expect(renderTemplate('{{ v | round: 1 }}', { v: '1,234.56' })).toBe(1234.6);
    expect(renderTemplate('{{ v | round: -2 }}', { v: 1234 })).toBe(1200);
    expect(renderTemplate('{{ v | round: 2 }}', { v: 1e-7 })).toBe(0);
    expect(Object.is(renderTemplate('{{ v | round }}', { v: -0.2 }), 0)).toBe(true);
    expect(() => renderTemplate('{{ v | round: 99 }}', { v: 1 })).toThrow('decimals must be between');
  });

  it('abs, plus, minus, times, divided_by', () => {
    expect(render('{{ n | abs }}')).toBe(7.25);
    expect(render('{{ int | plus: 8 }}')).toBe(50);
    expect(render('{{ int | minus: 50 }}')).toBe(-8);
    expect(render('{{ n | times: -2 }}')).toBe(14.5);
    expect(render('{{ int | divided_by: 8 }}')).toBe(5.25);
    expect(render('{{ price | plus: 0.5 | times: 2 }}')).toBe(2470);
  });

  it('arithmetic errors name the pipe', () => {
    expect(() => render('{{ int | divided_by: 0 }}')).toThrow("pipe 'divided_by' failed in {{ int | divided_by: 0 }}: division by zero");
    expect(() => render('{{ bad | plus: 1 }}')).toThrow(expect.objectContaining({ code: 'TEMPLATE_PIPE', pipe: 'plus' }));
    expect(() => renderTemplate('{{ v | times: 1e308 }}', { v: 1e308 })).toThrow('not a finite number');
  });

  it('passes missing values through', () => {
    expect(render('{{ missing | number | plus: 1 }}')).toBeNull();
  });
});
