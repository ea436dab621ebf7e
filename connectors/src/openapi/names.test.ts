import { describe, expect, test } from 'vitest';
import { fieldKeySchema, slugSchema } from '../manifest/names.js';
import { KeyAllocator } from './key-allocator.js';
import { slugify, toFieldKey } from './names.js';

describe('slugify', () => {
  test.each([
    ['listPets', 'list-pets'],
    ['getHTTPResponse', 'get-http-response'],
    ['get /pets/petId', 'get-pets-pet-id'],
    ['Swagger Petstore — v2!', 'swagger-petstore-v2'],
    ['Café API', 'cafe-api'],
    ['---', ''],
  ])('%s → %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  test('stays within 64 characters and never ends in a dash', () => {
    const slug = slugify(`${'a'.repeat(63)} b`);
    expect(slug).toBe('a'.repeat(63));
    expect(slugSchema.safeParse(slug).success).toBe(true);
  });
});

describe('toFieldKey', () => {
  test.each([
    ['X-Request-Id', true, 'x_request_id'],
    ['user.name', false, 'user_name'],
    ['petId', false, 'petId'],
    ['2fa', false, '_2fa'],
    ['filter[status]', false, 'filter_status'],
    ['$top', false, 'top'],
    ['***', false, 'value'],
  ])('%s → %s', (name, header, key) => {
    expect(toFieldKey(name, header)).toBe(key);
    expect(fieldKeySchema.safeParse(key).success).toBe(true);
  });

  test('cuts long names to 64 characters', () => {
    expect(toFieldKey('x'.repeat(100))).toHaveLength(64);
  });
});

describe('KeyAllocator', () => {
  test('suffixes taken keys and stays within the length limit', () => {
    const keys = new KeyAllocator('_');
    expect([keys.take('id'), keys.take('id'), keys.take('id_2'), keys.take('id')]).toEqual(['id', 'id_2', 'id_2_2', 'id_3']);
    const long = 'k'.repeat(64);
    expect(keys.take(long)).toBe(long);
    expect(keys.take(long)).toBe(`${'k'.repeat(62)}_2`);
  });
});
