import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../../src-main/core/artifacts/html-allowlist.js';

describe('sanitizeHtml (document previews)', () => {
  it('keeps document structure and drops scripts, handlers and styles', () => {
    const html = '<h1 onclick="x()">Title</h1><p style="color:red">Hi <strong>there</strong></p><script>alert(1)</script><style>p{}</style><img src=x onerror=alert(1)><table><tr><td colspan="2">a</td></tr></table>';
    expect(sanitizeHtml(html)).toBe('<h1>Title</h1><p>Hi <strong>there</strong></p><table><tr><td colspan="2">a</td></tr></table>');
  });

  it('keeps only http, https and mailto links, however the scheme is disguised', () => {
    expect(sanitizeHtml('<a href="https://example.com/a?b=1&amp;c=2">ok</a>')).toBe('<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">ok</a>');
    for (const href of ['javascript:alert(1)', '&#106;avascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>', 'JaVaScRiPt&colon;alert(1)']) {
      expect(sanitizeHtml(`<a href="${href}">x</a>`)).toBe('<a>x</a>');
    }
  });

  it('makes stray angle brackets and unknown tags inert', () => {
    expect(sanitizeHtml('1 < 2 and <custom-el>text</custom-el> <iframe src="x">inner</iframe>end')).toBe('1 &lt; 2 and text end');
  });
});
