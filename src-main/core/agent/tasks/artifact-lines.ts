import path from 'node:path';
import type { Artifact } from '../../tools/tool.js';

/**
 * The "Files:" part of a task's closing message, as Markdown list lines: each file once (a file
 * rewritten by a later step or a second iteration is still one file), named relative to the task's
 * folder — the path the previews and the task view use — with the tool's title when it says more.
 */
export function artifactLines(artifacts: readonly Artifact[], workspaceDir: string): string[] {
  const byPath = new Map<string, Artifact>();
  for (const artifact of artifacts) {
    byPath.delete(artifact.path);
    byPath.set(artifact.path, artifact);
  }
  return [...byPath.values()].map((artifact) => {
    const relative = path.relative(workspaceDir, artifact.path);
    const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : artifact.path;
    const title = artifact.title.trim();
    return title && title !== shown && title !== path.basename(shown) ? `- ${shown} — ${title}` : `- ${shown}`;
  });
}
