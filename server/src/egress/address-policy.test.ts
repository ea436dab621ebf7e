import { describe, expect, it } from 'vitest';
import { blockedAddressReason, createAllowList, isBlockedAddress } from './address-policy.js';

describe('isBlockedAddress', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4-mapped'],
    ['::ffff:a9fe:a9fe', 'ipv4-mapped'],
    ['::ffff:8.8.8.8', 'ipv4-mapped'],
    ['::7f00:1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['2002:7f00:1::', '6to4 embedding loopback 127.0.0.1'],
    ['2002:c0a8:101::1', '6to4 embedding private 192.168.1.1'],
    ['64:ff9b::a00:1', 'nat64 embedding private 10.0.0.1'],
    ['64:ff9b:1::808:808', 'nat64-local'],
    ['2001:0:a00:1::', 'teredo embedding private 10.0.0.1'],
    // Client 127.0.0.1 is stored bit-inverted: ~0x7f00 = 0x80ff, ~0x0001 = 0xfffe.
    ['2001:0:808:808::80ff:fffe', 'teredo embedding loopback 127.0.0.1'],
    ['not an ip', 'invalid'],
  ])('blocks %s (%s)', (ip, reason) => {
    expect(blockedAddressReason(ip)).toBe(reason);
    expect(isBlockedAddress(ip)).toBe(true);
  });

  it('blocks IPv4-compatible IPv6 however it is written', () => {
    expect(isBlockedAddress('::127.0.0.1')).toBe(true);
    expect(isBlockedAddress('::0808:0808')).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '2002:808:808::1',
    '64:ff9b::808:808',
    '2001:0:808:808::f7f7:f7f7',
  ])('lets public %s through', (ip) => {
    expect(blockedAddressReason(ip)).toBeNull();
    expect(isBlockedAddress(ip)).toBe(false);
  });
});

describe('createAllowList', () => {
  const allow = createAllowList([' 127.0.0.1', '::1', 'LocalHost', '10.1.0.0/16', 'fd12::/16', '', 'api.internal.']);

  it('matches hostnames exactly and case-insensitively', () => {
    expect(allow.allowsHost('localhost')).toBe(true);
    expect(allow.allowsHost('LOCALHOST.')).toBe(true);
    expect(allow.allowsHost('api.internal')).toBe(true);
    expect(allow.allowsHost('sub.localhost')).toBe(false);
    expect(allow.allowsHost('localhost.evil.example')).toBe(false);
  });

  it('matches IPs and CIDRs of both families', () => {
    expect(allow.allowsAddress('127.0.0.1')).toBe(true);
    expect(allow.allowsAddress('127.0.0.2')).toBe(false);
    expect(allow.allowsAddress('::1')).toBe(true);
    expect(allow.allowsAddress('10.1.255.3')).toBe(true);
    expect(allow.allowsAddress('10.2.0.1')).toBe(false);
    expect(allow.allowsAddress('fd12:3::1')).toBe(true);
    expect(allow.allowsAddress('fd13::1')).toBe(false);
    expect(allow.allowsAddress('garbage')).toBe(false);
  });

  it('treats an IPv4-mapped address like its IPv4 address', () => {
    expect(allow.allowsAddress('::ffff:127.0.0.1')).toBe(true);
    expect(createAllowList(['::ffff:10.0.0.1']).allowsAddress('10.0.0.1')).toBe(true);
  });

  it.each(['10/8', '127.1', '10.0.0.0/33', 'exa mple.com', 'http://x', '::1/200'])('refuses the malformed entry %s', (entry) => {
    expect(() => createAllowList([entry])).toThrow(/invalid egress allow-list entry/);
  });
});
