/** The requests Prism 5.14.2 cannot parse (two of which crash it), recognised before forwarding. */
import { describe, expect, it } from 'vitest';
import { findUnreadable } from '../../src/mock/unreadable.js';

const ok = { 'content-type': 'application/json', accept: 'application/json' };

describe('findUnreadable', () => {
  it.each([
    ['/v2/p/enginemgr/engines/e/actions', ok],
    ['/v2/p/x?a=%ZZ', ok],
    ['/v2/p/x', { 'content-type': 'application/json; charset=UTF-8', accept: '*/*, application/json;q=0.9' }],
    ['/v2/p/x', { 'content-type': 'text/plain', accept: 'text/html' }],
    ['/v2/p/x', { accept: '' }],
  ])('lets %s %j through', (path, headers) => {
    expect(findUnreadable(path, headers)).toBeUndefined();
  });

  it('finds a malformed percent-escape, and escapes every % so Prism can still route the path', () => {
    expect(findUnreadable('/v2/p%ZZ/x?q=1', ok)).toEqual({ reasons: ["path: malformed percent-encoding in '/v2/p%ZZ/x'"], path: '/v2/p%25ZZ/x?q=1' });
  });

  it("finds a path starting with '//'", () => {
    expect(findUnreadable('//v2/p/x', ok)).toEqual({ reasons: ["path: '//v2/p/x' starts with '//'"], path: '/v2/p/x' });
  });

  it.each(['foo', 'text/html;', 'text/html;level', ',', ' ', 'application/json, foo'])('finds Accept: %j', (accept) => {
    expect(findUnreadable('/v2/p/x', { accept })?.reasons[0]).toMatch(/^header\.accept: '.*' is not a media type$/);
  });

  it.each(['json', ';;', 'application/json;;', 'application/json; charset'])('finds Content-Type: %j', (contentType) => {
    expect(findUnreadable('/v2/p/x', { 'content-type': contentType })?.reasons).toEqual([`header.content-type: '${contentType}' is not a media type`]);
  });
});
