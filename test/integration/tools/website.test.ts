import { copyFile, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileExistsError, WorkspaceFileNotFoundError } from '../../../src-main/core/tools/builtin/tool-errors.js';
import { ChromiumMissingError } from '../../../src-main/core/tools/builtin/website/chromium.js';
import { PreviewServers } from '../../../src-main/core/tools/builtin/website/preview-servers.js';
import { websiteGenerateTool } from '../../../src-main/core/tools/builtin/website/website-generate.js';
import { createWebsitePreviewTool } from '../../../src-main/core/tools/builtin/website/website-preview.js';
import { createWebsiteScreenshotTool } from '../../../src-main/core/tools/builtin/website/website-screenshot.js';
import { createTestWorkspace, rollbackTool, runTool, type TestWorkspace } from '../../unit/tools/helpers/tool-context.js';

const bistroSite = {
  siteName: 'Bistro Verde',
  tagline: 'Seasonal Portuguese cooking in the heart of Lisbon',
  theme: 'forest',
  pages: [
    {
      title: 'Home',
      sections: [
        { heading: 'Welcome', body: 'Bistro Verde serves **seasonal** dishes from local farms.\nOpen Tuesday to Sunday.' },
        { heading: 'Why guests love us', body: '- Fresh fish from the morning market\n- A wine list of 60 Portuguese labels\n- Private room for 20 guests' },
        { heading: 'Book a table', body: 'Call us or write to reservations — see the [menu](menu.html) first.' },
      ],
    },
    { title: 'Menu', sections: [{ heading: 'Starters', body: '- Caldo verde — 6 €\n- Grilled sardines — 9 €' }, { heading: 'Mains', body: '1. Bacalhau à Brás — 18 €\n2. Arroz de pato — 17 €' }] },
    { title: 'About <us>', sections: [{ body: 'Founded in 2012 by chef Ana Souza. <script>alert("x")</script>' }] },
  ],
  contact: { email: 'hello@bistroverde.test', phone: '+351 21 000 0000', address: 'Rua das Flores 12, Lisboa' },
};

function get(url: string, rawPath: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    // http.request sends the path exactly as given, so `..` reaches the server un-normalised.
    const req = http.request({ hostname, port, path: rawPath, method: 'GET', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('website tools', () => {
  let ws: TestWorkspace;
  const previews = new PreviewServers();
  beforeEach(async () => {
    ws = await createTestWorkspace({ taskId: 'task-site' });
  });
  afterEach(async () => {
    await previews.stopAll();
    await ws.cleanup();
  });
  afterAll(async () => previews.stopAll());

  it('generates linked, escaped pages and a stylesheet in site/', async () => {
    const result = await runTool(websiteGenerateTool, bistroSite, ws.ctx);
    expect(result.output.pages).toEqual(['site/index.html', 'site/menu.html', 'site/about-us.html']);
    expect((await readdir(path.join(ws.dir, 'site'))).sort()).toEqual(['about-us.html', 'index.html', 'menu.html', 'styles.css']);
    expect(result.artifacts).toEqual([{ kind: 'website', path: 'site/index.html', mime: 'text/html', title: 'Bistro Verde' }]);
    const about = await readFile(path.join(ws.dir, 'site/about-us.html'), 'utf8');
    expect(about).toContain('<h1>About &lt;us&gt;</h1>');
    expect(about).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(about).not.toMatch(/<script/i);
    const home = await readFile(path.join(ws.dir, 'site/index.html'), 'utf8');
    expect(home).toContain('<a href="menu.html">Menu</a>');
    expect(home).toContain('<link rel="stylesheet" href="styles.css">');
  });

  it('refuses to overwrite an existing site unless asked, and rollback removes what it wrote', async () => {
    const first = await runTool(websiteGenerateTool, bistroSite, ws.ctx);
    await expect(runTool(websiteGenerateTool, { ...bistroSite, siteName: 'Bistro Azul' }, ws.ctx)).rejects.toBeInstanceOf(FileExistsError);
    expect(await readFile(path.join(ws.dir, 'site/index.html'), 'utf8')).not.toContain('Bistro Azul');
    // The same call again (a retry after a crash) finds its own files and succeeds.
    await expect(runTool(websiteGenerateTool, bistroSite, ws.ctx)).resolves.toMatchObject({ output: { dir: 'site' } });
    const changed = { ...bistroSite, siteName: 'Bistro Azul', overwrite: true };
    const second = await runTool(websiteGenerateTool, changed, ws.ctx);
    expect(await readFile(path.join(ws.dir, 'site/index.html'), 'utf8')).toContain('Bistro Azul');
    await rollbackTool(websiteGenerateTool, changed, second, ws.ctx);
    expect(await readFile(path.join(ws.dir, 'site/index.html'), 'utf8')).toContain('Bistro Verde');
    await rollbackTool(websiteGenerateTool, bistroSite, first, ws.ctx);
    expect(await readdir(ws.dir)).toEqual(['.steward']);
  });

  it('previews the site on 127.0.0.1 and serves nothing outside its folder', async () => {
    await runTool(websiteGenerateTool, bistroSite, ws.ctx);
    await writeFile(path.join(ws.dir, 'private-notes.txt'), 'salary figures');
    const outside = path.join(os.tmpdir(), `steward-outside-${process.pid}.txt`);
    await writeFile(outside, 'outside secret');
    await symlink(outside, path.join(ws.dir, 'site', 'link.txt'));

    const tool = createWebsitePreviewTool(previews);
    const result = await runTool(tool, {}, ws.ctx);
    expect(result.output.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await get(result.output.url, '/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toContain('Bistro Verde');
    expect((await get(result.output.url, '/styles.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    for (const attack of ['/../private-notes.txt', '/%2e%2e/private-notes.txt', '/..%2fprivate-notes.txt', '/link.txt', '/%00']) {
      const res = await get(result.output.url, attack);
      expect(res.status, attack).not.toBe(200);
      expect(res.body).not.toContain('salary figures');
      expect(res.body).not.toContain('outside secret');
    }
    // The same task asking again gets the same preview, not a second server.
    const again = await runTool(tool, {}, ws.ctx);
    expect(again.output.url).toBe(result.output.url);

    expect(await previews.stopForTask('task-site')).toBe(1);
    await expect(get(result.output.url, '/')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('stops a preview on rollback and explains a missing site', async () => {
    const tool = createWebsitePreviewTool(previews);
    await expect(runTool(tool, {}, ws.ctx)).rejects.toBeInstanceOf(WorkspaceFileNotFoundError);
    await runTool(websiteGenerateTool, bistroSite, ws.ctx);
    const result = await runTool(tool, {}, ws.ctx);
    await rollbackTool(tool, {}, result, ws.ctx);
    expect(previews.list()).toEqual([]);
  });

  it('takes a real Chromium screenshot of the home page for the chat preview', async () => {
    await runTool(websiteGenerateTool, bistroSite, ws.ctx);
    const tool = createWebsiteScreenshotTool();
    const result = await runTool(tool, { width: 1280, height: 800 }, ws.ctx);
    expect(result.output.path).toBe('screenshots/index.png');
    expect(result.artifacts).toEqual([{ kind: 'image', path: 'screenshots/index.png', mime: 'image/png', title: 'Screenshot of index.html' }]);
    const png = await readFile(path.join(ws.dir, 'screenshots/index.png'));
    const size = pngSize(png);
    expect(size.width).toBe(1280);
    expect(size.height).toBeGreaterThan(800); // full page: the site is longer than one screen
    await mkdir('test-artifacts/tools', { recursive: true });
    await copyFile(path.join(ws.dir, 'screenshots/index.png'), 'test-artifacts/tools/website-home.png');

    const menu = await runTool(tool, { page: 'menu.html', width: 390, height: 844, fullPage: false, output: 'screenshots/menu-mobile.png' }, ws.ctx);
    expect(pngSize(await readFile(path.join(ws.dir, menu.output.path)))).toEqual({ width: 390, height: 844 });
    await copyFile(path.join(ws.dir, menu.output.path), 'test-artifacts/tools/website-menu-mobile.png');
  }, 120_000);

  it('says to install Chromium when the browser is missing, and explains a missing page', async () => {
    await runTool(websiteGenerateTool, bistroSite, ws.ctx);
    const tool = createWebsiteScreenshotTool({ chromiumPath: '/nonexistent/chromium' });
    const err = await runTool(tool, {}, ws.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChromiumMissingError);
    expect((err as ChromiumMissingError).userMessage).toContain('Chromium is needed to take website screenshots but was not found at /nonexistent/chromium. Install it');
    await expect(runTool(createWebsiteScreenshotTool(), { page: 'prices.html' }, ws.ctx)).rejects.toThrow(/The page "site\/prices.html" does not exist/);
    expect(await readdir(ws.dir)).not.toContain('screenshots');
  });
});
