/** The generated site's stylesheet. Colours come only from validated #RRGGBB values. */
export interface SiteColours {
  primary: string;
  accent: string;
}

// eslint-disable-next-line max-lines-per-function -- the generated site's stylesheet as one template string
export function siteStylesheet({ primary, accent }: SiteColours): string {
  return `:root {
  --primary: ${primary};
  --accent: ${accent};
  --ink: #1c2430;
  --muted: #5b6675;
  --surface: #f5f7fa;
  --line: #e3e8ef;
  --radius: 14px;
  --max: 1080px;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: "Inter", "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink);
  background: #fff;
  line-height: 1.65;
  font-size: 17px;
}
a { color: var(--primary); text-underline-offset: 3px; }
a:hover { color: var(--accent); }
.container { max-width: var(--max); margin: 0 auto; padding: 0 24px; }

.site-header {
  position: sticky; top: 0; z-index: 10;
  background: rgba(255, 255, 255, 0.94);
  border-bottom: 1px solid var(--line);
  backdrop-filter: blur(6px);
}
.site-header .container { display: flex; align-items: center; justify-content: space-between; gap: 8px 24px; min-height: 68px; flex-wrap: wrap; padding-top: 10px; padding-bottom: 10px; }
.brand { font-weight: 800; font-size: 1.25rem; letter-spacing: -0.01em; color: var(--ink); text-decoration: none; display: flex; align-items: center; gap: 10px; }
.brand-mark { width: 30px; height: 30px; border-radius: 9px; background: linear-gradient(135deg, var(--primary), var(--accent)); display: inline-block; }
.site-nav { display: flex; flex-wrap: wrap; gap: 6px; }
.site-nav a { color: var(--muted); text-decoration: none; font-weight: 600; font-size: 0.95rem; padding: 8px 14px; border-radius: 999px; }
.site-nav a:hover { color: var(--primary); background: var(--surface); }
.site-nav a[aria-current="page"] { color: #fff; background: var(--primary); }

.hero {
  background: linear-gradient(135deg, var(--primary) 0%, var(--accent) 100%);
  color: #fff;
  padding: 96px 0 88px;
}
.hero h1 { font-size: clamp(2.2rem, 5vw, 3.6rem); line-height: 1.1; margin: 0 0 16px; letter-spacing: -0.02em; }
.hero p { font-size: 1.25rem; max-width: 640px; margin: 0; opacity: 0.92; }
.hero .button { margin-top: 32px; }
.page-title { background: var(--surface); border-bottom: 1px solid var(--line); padding: 56px 0 40px; }
.page-title h1 { margin: 0; font-size: clamp(1.9rem, 4vw, 2.6rem); letter-spacing: -0.02em; color: var(--primary); }

.button {
  display: inline-block; padding: 13px 26px; border-radius: 999px; font-weight: 700; text-decoration: none;
  background: #fff; color: var(--primary); box-shadow: 0 8px 24px rgba(0, 0, 0, 0.15);
}
.button:hover { color: var(--primary); transform: translateY(-1px); }

.band { padding: 64px 0; }
.band-alt { background: var(--surface); }
.band h2 { font-size: 1.8rem; margin: 0 0 18px; letter-spacing: -0.01em; }
.band h2::after { content: ""; display: block; width: 48px; height: 4px; border-radius: 2px; background: var(--accent); margin-top: 12px; }
.band h3, .band h4, .band h5 { margin: 28px 0 8px; }
.prose { max-width: 820px; }
.prose p { margin: 0 0 16px; max-width: 720px; }
.prose ul, .prose ol { padding-left: 0; margin: 0 0 16px; list-style: none; display: grid; gap: 12px; }
.prose ul { grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); }
.prose ul li, .prose ol li { background: #fff; border: 1px solid var(--line); border-radius: var(--radius); padding: 14px 18px 14px 44px; position: relative; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.05); }
.prose ul li::before, .prose ol li::before { pointer-events: none; }
.prose ul li::before { content: ""; position: absolute; left: 18px; top: 23px; width: 9px; height: 9px; border-radius: 50%; background: var(--accent); }
.prose ol { counter-reset: item; }
.prose ol li { counter-increment: item; }
.prose ol li::before { content: counter(item); position: absolute; left: 16px; top: 14px; font-weight: 800; color: var(--primary); }
.prose blockquote { margin: 0 0 16px; padding: 16px 20px; border-left: 4px solid var(--accent); background: #fff; border-radius: 0 var(--radius) var(--radius) 0; font-style: italic; color: var(--muted); }
.prose code { background: var(--surface); border: 1px solid var(--line); border-radius: 6px; padding: 1px 6px; font-size: 0.9em; }

.site-footer { background: #111827; color: #cbd5e1; padding: 48px 0; font-size: 0.95rem; }
.site-footer .container { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 24px; }
.site-footer strong { color: #fff; font-size: 1.05rem; }
.site-footer a { color: #e2e8f0; }
.site-footer ul { list-style: none; margin: 8px 0 0; padding: 0; display: grid; gap: 4px; }

@media (max-width: 640px) {
  body { font-size: 16px; }
  .hero { padding: 64px 0 56px; }
  .band { padding: 44px 0; }
}
`;
}
