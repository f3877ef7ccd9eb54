import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdownish } from '../../../src-main/core/tools/builtin/website/markdownish.js';
import { planPages, renderSite } from '../../../src-main/core/tools/builtin/website/site-render.js';
import { WebsiteGenerateParams } from '../../../src-main/core/tools/builtin/website/site-schema.js';

describe('markdown-ish section text', () => {
  it('renders paragraphs, lists, sub-headings, quotes and inline styles', () => {
    const html = renderMarkdownish('Fresh **pasta** daily, *always* `handmade`.\nOpen late.\n\n- Lunch\n- Dinner\n\n1. Book\n2. Eat\n\n## Hours\n\n> Best in town');
    expect(html).toBe(
      [
        '<p>Fresh <strong>pasta</strong> daily, <em>always</em> <code>handmade</code>.<br>Open late.</p>',
        '<ul><li>Lunch</li><li>Dinner</li></ul>',
        '<ol><li>Book</li><li>Eat</li></ol>',
        '<h4>Hours</h4>',
        '<blockquote>Best in town</blockquote>',
      ].join('\n'),
    );
  });

  it('escapes every piece of text, so parameters cannot inject markup or script', () => {
    const evil = '<script>alert(1)</script> <img src=x onerror=alert(1)> "quoted" & \'single\'';
    const html = renderMarkdownish(evil);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; &#39;single&#39;</p>');
    expect(renderInline('**<b>bold</b>**')).toBe('<strong>&lt;b&gt;bold&lt;/b&gt;</strong>');
  });

  it('keeps safe links and drops dangerous ones to plain text', () => {
    expect(renderInline('[Menu](menu.html) [Site](https://example.com/a?b=1&c=2) [Mail](mailto:hi@bistro.test) [Call](tel:+15550100)')).toBe(
      '<a href="menu.html">Menu</a> <a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer">Site</a> <a href="mailto:hi@bistro.test">Mail</a> <a href="tel:+15550100">Call</a>',
    );
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', '//evil.test/x', 'vbscript:msgbox']) {
      const html = renderInline(`[click](${url})`);
      expect(html).not.toContain('<a ');
    }
    expect(renderInline('[x](https://a.test/"onmouseover="alert(1))')).not.toContain('"onmouseover');
  });

  it('does not italicise snake_case words', () => {
    expect(renderInline('use file_name_here and _this_')).toBe('use file_name_here and <em>this</em>');
  });
});

describe('site rendering', () => {
  const params = WebsiteGenerateParams.parse({
    siteName: 'Bistro <Verde>',
    tagline: 'Seasonal food & wine',
    theme: 'forest',
    primaryColor: '#123456',
    pages: [
      { title: 'Home', sections: [{ heading: 'Welcome', body: 'Hi' }] },
      { title: 'Our Menu', sections: [{ body: 'Soup' }] },
      { title: 'Our Menu', sections: [{ body: 'Duplicate title' }] },
      { title: 'Index', slug: 'index', sections: [{ body: 'Slug clash with the home page' }] },
    ],
    contact: { email: 'hello@bistro.test', phone: '+351 21 000 0000' },
  });

  it('gives every page a unique file, the first being index.html', () => {
    expect(planPages(params.pages).map((p) => p.file)).toEqual(['index.html', 'our-menu.html', 'our-menu-2.html', 'index-2.html']);
  });

  it('escapes the site name everywhere and uses only validated colours', () => {
    const files = renderSite(params, new Date('2030-05-01T00:00:00Z'));
    const home = files.find((f) => f.name === 'index.html')!.content;
    expect(home).not.toContain('<Verde>');
    expect(home).toContain('<title>Bistro &lt;Verde&gt;</title>');
    expect(home).toContain('© 2030 Bistro &lt;Verde&gt;');
    expect(home).toContain('href="mailto:hello@bistro.test"');
    expect(home).toContain('<a href="tel:+351210000000">+351 21 000 0000</a>');
    expect(home).not.toMatch(/<script/i);
    expect(home).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    const css = files.find((f) => f.name === 'styles.css')!.content;
    expect(css).toContain('--primary: #123456;');
    expect(css).toContain('--accent: #6FAE5B;');
    expect(WebsiteGenerateParams.safeParse({ ...params, primaryColor: 'red; } body { display:none' }).success).toBe(false);
  });

  it('marks the current page in the navigation', () => {
    const files = renderSite(params);
    const menu = files.find((f) => f.name === 'our-menu.html')!.content;
    expect(menu).toContain('<a href="our-menu.html" aria-current="page">Our Menu</a>');
    expect(menu).toContain('<a href="index.html">Home</a>');
    expect(menu).toContain('<title>Our Menu · Bistro &lt;Verde&gt;</title>');
  });
});
