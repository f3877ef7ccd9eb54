import path from 'node:path';
import { defineTool } from '../../tool.js';
import { normalizeRelative } from '../workspace-path.js';
import { rollbackWorkspaceWrite, writeWorkspaceFiles } from '../workspace-write.js';
import { renderSite } from './site-render.js';
import { WebsiteGenerateParams } from './site-schema.js';

export const websiteGenerateTool = defineTool({
  name: 'website.generate',
  title: 'Build a website',
  userDescription: 'Generates a small static website (pages, navigation, contact footer) in the workspace.',
  describe: (params) => `Build the website “${params.siteName}” — ${params.pages.length} page${params.pages.length === 1 ? '' : 's'}`,
  description:
    'Generate a static website in the workspace (default folder "site"): one HTML page per entry in pages (the first is the home page), each made of sections with simple Markdown text, a shared navigation bar, a contact footer and a colour theme. Writes index.html, one file per other page, and styles.css.',
  parameters: WebsiteGenerateParams,
  sideEffect: 'local',
  defaultPermission: 'always',
  idempotent: true,
  resultOrigin: () => null,
  async execute(params, ctx) {
    const dir = normalizeRelative(params.outputDir);
    const site = renderSite(params);
    const written = await writeWorkspaceFiles(
      ctx.workspaceDir,
      site.map((f) => ({ path: path.posix.join(dir, f.name), data: f.content })),
      { overwrite: params.overwrite },
    );
    const pages = site.filter((f) => f.name.endsWith('.html')).map((f) => path.posix.join(dir, f.name));
    return {
      output: { dir, pages, files: written.map((f) => f.path) },
      summary: `Generated the website "${params.siteName}" with ${pages.length} page${pages.length === 1 ? '' : 's'} in ${dir}/`,
      artifacts: [{ kind: 'website', path: path.posix.join(dir, 'index.html'), mime: 'text/html', title: params.siteName }],
      rollbackData: { files: written },
    };
  },
  async rollback(result, _params, ctx) {
    await rollbackWorkspaceWrite(ctx.workspaceDir, result.rollbackData);
  },
});
