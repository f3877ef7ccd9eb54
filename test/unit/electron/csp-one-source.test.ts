import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, CSP_PLACEHOLDER, parseCsp, withCspMeta } from '../../../src-main/core/security/content-security-policy.js';
import { RENDERER_CSP } from '../../../src-main/server/static-files.js';

const source = readFileSync(path.resolve('src-renderer/index.html'), 'utf8');
const metaPolicy = (html: string) => /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]?.replace(/&quot;/g, '"') ?? null;
const withoutFrameAncestors = (policy: string) => {
  const parsed = parseCsp(policy);
  parsed.delete('frame-ancestors');
  return parsed;
};

describe('one content security policy, from one source', () => {
  it('index.html carries no policy of its own, only the placeholder the build fills', () => {
    expect(source.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(metaPolicy(source)).toBe(CSP_PLACEHOLDER);
  });

  it('the meta tag, the local server header and the Electron header are the same policy', () => {
    const header = contentSecurityPolicy();
    const meta = metaPolicy(withCspMeta(source, contentSecurityPolicy({ delivery: 'meta' })))!;
    expect(RENDERER_CSP).toBe(header);
    // Identical except frame-ancestors, which browsers ignore in a meta tag (the header keeps it).
    expect(withoutFrameAncestors(meta)).toEqual(withoutFrameAncestors(header));
    expect(parseCsp(header).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the policy lets the page reach only its own origin: no other localhost port, no inline script, no eval', () => {
    const policy = parseCsp(contentSecurityPolicy());
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|localhost|127\.0\.0\.1|\*/);
  });

  it('under the dev server the meta tag is dropped (the session header carries the dev policy)', () => {
    const dev = withCspMeta(source, null);
    expect(dev).not.toMatch(/Content-Security-Policy/);
    expect(dev).toContain('<meta name="referrer"');
  });

  // The built page, when the build is newer than the policy and the page source.
  const built = path.resolve('out/renderer/index.html');
  const fresh =
    existsSync(built) &&
    ['src-renderer/index.html', 'src-main/core/security/content-security-policy.ts'].every((f) => statSync(built).mtimeMs >= statSync(path.resolve(f)).mtimeMs);
  it.skipIf(!fresh)('the built index.html carries exactly that policy', () => {
    expect(metaPolicy(readFileSync(built, 'utf8'))).toBe(contentSecurityPolicy({ delivery: 'meta' }));
  });
});
