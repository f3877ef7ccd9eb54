/** Builds the HTML pages of a generated site. All text is escaped; there is no script anywhere. */
import { slugify } from '../documents/document-blocks.js';
import { escapeHtml } from './html-escape.js';
import { renderMarkdownish } from './markdownish.js';
import { THEME_PRESETS, type SitePage, type WebsiteGenerateParams } from './site-schema.js';
import { siteStylesheet } from './site-style.js';

/** Pages cannot run scripts or load anything from elsewhere, whatever ends up in them. */
export const SITE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'";

export interface SiteFile {
  /** Relative to the site folder. */
  name: string;
  content: string;
}

interface PlannedPage {
  page: SitePage;
  file: string;
}

/** Assigns each page a file: the first is index.html, the rest use their slug (made unique). */
export function planPages(pages: readonly SitePage[]): PlannedPage[] {
  const used = new Set<string>(['index', 'styles']);
  return pages.map((page, i) => {
    if (i === 0) return { page, file: 'index.html' };
    const base = page.slug ?? slugify(page.title, 'page');
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return { page, file: `${slug}.html` };
  });
}

export function renderSite(params: WebsiteGenerateParams, now: Date = new Date()): SiteFile[] {
  const preset = THEME_PRESETS[params.theme];
  const colours = { primary: params.primaryColor ?? preset.primary, accent: params.accentColor ?? preset.accent };
  const planned = planPages(params.pages);
  const files: SiteFile[] = planned.map((p, i) => ({ name: p.file, content: renderPage(params, planned, i, now) }));
  files.push({ name: 'styles.css', content: siteStylesheet(colours) });
  return files;
}

function renderPage(params: WebsiteGenerateParams, planned: readonly PlannedPage[], index: number, now: Date): string {
  const { page, file } = planned[index]!;
  const site = escapeHtml(params.siteName);
  const isHome = index === 0;
  const title = isHome ? site : `${escapeHtml(page.title)} · ${site}`;
  const description = escapeHtml(params.tagline ?? page.sections[0]?.body.slice(0, 150).replace(/\s+/g, ' ') ?? params.siteName);

  const nav = planned
    .map((p) => `<a href="${p.file}"${p.file === file ? ' aria-current="page"' : ''}>${escapeHtml(p.page.title)}</a>`)
    .join('\n        ');

  const contactHref = params.contact?.email ? `mailto:${escapeHtml(params.contact.email)}` : null;
  const intro = isHome
    ? `<section class="hero">
      <div class="container">
        <h1>${site}</h1>
        ${params.tagline ? `<p>${escapeHtml(params.tagline)}</p>` : ''}
        ${contactHref ? `<a class="button" href="${contactHref}">Get in touch</a>` : ''}
      </div>
    </section>`
    : `<section class="page-title">
      <div class="container"><h1>${escapeHtml(page.title)}</h1></div>
    </section>`;

  const sections = page.sections
    .map(
      // Bands alternate white and tinted, starting white so the tinted page title never meets a tinted band.
      (section, i) => `<section id="section-${i + 1}" class="band${i % 2 === 1 ? ' band-alt' : ''}">
      <div class="container">
        ${section.heading ? `<h2>${escapeHtml(section.heading)}</h2>` : ''}
        <div class="prose">
${indent(renderMarkdownish(section.body), 10)}
        </div>
      </div>
    </section>`,
    )
    .join('\n    ');

  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">
  <meta name="description" content="${description}">
  <title>${title}</title>
  <link rel="stylesheet" href="styles.css">
</head>
<body>
  <header class="site-header">
    <div class="container">
      <a class="brand" href="index.html"><span class="brand-mark" aria-hidden="true"></span>${site}</a>
      <nav class="site-nav" aria-label="Main">
        ${nav}
      </nav>
    </div>
  </header>
  <main>
    ${intro}
    ${sections}
  </main>
  <footer class="site-footer">
    <div class="container">
      <div><strong>${site}</strong>${params.tagline ? `<br>${escapeHtml(params.tagline)}` : ''}</div>
      ${renderContact(params)}
      <div>© ${now.getFullYear()} ${site}</div>
    </div>
  </footer>
</body>
</html>
`;
}

function renderContact(params: WebsiteGenerateParams): string {
  const c = params.contact;
  if (!c || (!c.email && !c.phone && !c.address)) return '';
  const items: string[] = [];
  if (c.email) items.push(`<li><a href="mailto:${escapeHtml(c.email)}">${escapeHtml(c.email)}</a></li>`);
  if (c.phone) items.push(`<li><a href="tel:${escapeHtml(c.phone.replace(/[^+0-9]/g, ''))}">${escapeHtml(c.phone)}</a></li>`);
  if (c.address) items.push(`<li>${escapeHtml(c.address)}</li>`);
  return `<div><strong>Contact</strong><ul>${items.join('')}</ul></div>`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}
