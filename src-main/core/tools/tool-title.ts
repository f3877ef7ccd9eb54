/**
 * What people see of a tool: its human name and one line about it. Tools give both (Tool.title,
 * Tool.userDescription); one that does not still never shows its raw id as a title — "files.create"
 * reads "Files: create".
 */
import type { AnyTool } from './tool.js';

export function toolTitle(tool: Pick<AnyTool, 'name' | 'title'>): string {
  if (tool.title) return tool.title;
  const [group = tool.name, ...rest] = tool.name.split('.');
  const words = (text: string) => text.replace(/[_-]+/g, ' ').trim();
  const head = words(group).replace(/^./, (c) => c.toUpperCase());
  return rest.length ? `${head}: ${words(rest.join(' '))}` : head;
}

export function toolUserDescription(tool: Pick<AnyTool, 'description' | 'userDescription'>): string {
  return tool.userDescription ?? tool.description.split(/(?<=\.)\s/)[0] ?? tool.description;
}
