import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StewardError } from '../../../errors.js';
import { defineTool } from '../../tool.js';
import { WorkspaceFileNotFoundError, WorkspacePathError } from '../tool-errors.js';
import { relativePathProblem, resolveInWorkspace, workspacePathSchema } from '../workspace-path.js';
import { rollbackWorkspaceWrite, writeWorkspaceFiles } from '../workspace-write.js';
import { hasExtension } from '../documents/document-blocks.js';
import { chromiumPath, launchChromium } from './chromium.js';
import { startStaticSiteServer } from './static-site-server.js';

export const WebsiteScreenshotParams = z.object({
  dir: workspacePathSchema('site').default('site'),
  page: z
    .string()
    .max(200)
    .refine((p) => relativePathProblem(p) === null && /\.html?$/i.test(p), 'must be an .html page inside the site folder, such as "index.html"')
    .default('index.html'),
  output: workspacePathSchema('screenshots/home.png').refine(hasExtension('.png'), 'must end with .png').optional(),
  width: z.number().int('must be a whole number of pixels').min(320, 'must be at least 320').max(3840, 'must be at most 3840').default(1280),
  height: z.number().int('must be a whole number of pixels').min(240, 'must be at least 240').max(2160, 'must be at most 2160').default(800),
  fullPage: z.boolean().default(true),
});

export interface WebsiteScreenshotDeps {
  /** Browser executable; default STEWARD_CHROMIUM or /usr/bin/chromium. */
  chromiumPath?: string;
}

export function createWebsiteScreenshotTool(deps: WebsiteScreenshotDeps = {}) {
  return defineTool({
    name: 'website.screenshot',
    title: 'Screenshot a web page',
    userDescription: 'Takes a picture of a generated web page for the chat preview.',
    describe: (params) => `Take a screenshot of ${params.dir}/${params.page}`,
    description:
      'Take a PNG screenshot of a page of a generated website (default site/index.html) with Chromium, for the chat preview. Saves it in the workspace (default screenshots/<page>.png).',
    parameters: WebsiteScreenshotParams,
    sideEffect: 'local',
    defaultPermission: 'always',
    idempotent: true,
    resultOrigin: () => null,
    timeoutMs: 120_000,
    async execute(params, ctx) {
      const site = await resolveInWorkspace(ctx.workspaceDir, params.dir);
      const siteInfo = await stat(site.absolute).catch(() => null);
      if (!siteInfo) throw new WorkspaceFileNotFoundError(site.relative, 'website folder');
      if (!siteInfo.isDirectory()) throw new WorkspacePathError(site.relative, 'is a file, not a website folder');
      const pagePath = path.posix.normalize(params.page.replace(/\\/g, '/'));
      if (!(await stat(path.join(site.absolute, pagePath)).catch(() => null))?.isFile()) {
        throw new WorkspaceFileNotFoundError(`${site.relative}/${pagePath}`, 'page');
      }
      const output = params.output ?? `screenshots/${pagePath.replace(/\.html?$/i, '').replace(/\//g, '-')}.png`;

      const server = await startStaticSiteServer(site.absolute);
      let png: Buffer;
      try {
        const browser = await launchChromium(chromiumPath(deps.chromiumPath), { width: params.width, height: params.height });
        try {
          const page = browser.context.pages()[0] ?? (await browser.context.newPage());
          // The page may only load from the preview server: nothing from the internet, ever.
          const origin = new URL(server.url).origin;
          await browser.context.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
          const response = await page.goto(new URL(pagePath, server.url).toString(), { waitUntil: 'load', timeout: 30_000 });
          if (!response?.ok()) throw new StewardError('internal', `The page ${pagePath} could not be loaded for the screenshot (status ${response?.status() ?? 'none'}).`);
          ctx.signal.throwIfAborted();
          png = await page.screenshot({ type: 'png', fullPage: params.fullPage, timeout: 30_000 });
        } finally {
          await browser.close();
        }
      } finally {
        await server.close();
      }
      const written = await writeWorkspaceFiles(ctx.workspaceDir, [{ path: output, data: png }], { overwrite: true });
      const file = written[0]!;
      return {
        output: { path: file.path, bytes: file.bytes, width: params.width, page: `${site.relative}/${pagePath}` },
        summary: `Screenshot of ${site.relative}/${pagePath} saved to ${file.path}`,
        artifacts: [{ kind: 'image', path: file.path, mime: 'image/png', title: `Screenshot of ${pagePath}` }],
        rollbackData: { files: written },
      };
    },
    async rollback(result, _params, ctx) {
      await rollbackWorkspaceWrite(ctx.workspaceDir, result.rollbackData);
    },
  });
}
