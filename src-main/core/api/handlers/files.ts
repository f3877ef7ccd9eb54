/** files.*: the shared path picker (browse a folder, or the desktop app's own dialog) and "Open folder". Spread into handlers.ts. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { FILES_METHODS } from '../../../../src-preload/schemas/files.js';
import { taskWorkspaceDir } from '../../artifacts/task-workspace.js';
import { StewardError } from '../../errors.js';
import { browseFolder } from '../../files/folder-browser.js';
import { resolveInWorkspace } from '../../tools/builtin/workspace-path.js';
import { actingPerson } from '../../people/acting-person.js';
import { RoleRequiredError } from '../../people/people-errors.js';
import type { CallContext, Core } from '../../core-types.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof FILES_METHODS> = z.output<(typeof FILES_METHODS)[M]['input']>;
const { async } = handlersUsing<'core'>();

/** Where a message may send the user when the desktop app's own dialog is asked for elsewhere. */
export const NATIVE_PICKER_ONLY_IN_APP =
  'The system file dialog opens only in the Steward desktop app (npm start). In this browser window, choose "Browse…" to pick from the folders of this computer, or type the full path.';

/**
 * The computer's folders are the owner's: a person signed in to a shared local server with their
 * own token may not look through them (the core runs as the owner's user account).
 */
function ownerOnly(core: Core, context: CallContext, what: string): void {
  const person = actingPerson(core, context);
  if (person.role !== 'owner') throw new RoleRequiredError(person.name, person.role, what, 'the owner, whose computer it is');
}

export const fileHandlers = {
  'files.browse': async((input: In<'files.browse'>, { core }, context) => {
    ownerOnly(core, context, 'browse the folders of this computer');
    return browseFolder(input);
  }),
  'files.pickNative': async(async (input: In<'files.pickNative'>, { core }, context) => {
    ownerOnly(core, context, 'pick files on this computer');
    if (!core.hostFiles) throw new StewardError('invalid_input', NATIVE_PICKER_ONLY_IN_APP);
    return { path: await core.hostFiles.pick(input) };
  }),
  'files.reveal': async(async (input: In<'files.reveal'>, { core }, context) => {
    ownerOnly(core, context, 'open folders on this computer');
    const absolute =
      'path' in input ? path.resolve(input.path) : (await resolveInWorkspace(taskWorkspaceDir(core.db, core.paths.workspaceDir, input.taskId), input.workspacePath)).absolute;
    const info = await stat(absolute).catch(() => null);
    if (!info) throw new StewardError('not_found', `${absolute} is no longer there — it may have been moved or deleted.`);
    const folder = info.isDirectory() ? absolute : path.dirname(absolute);
    if (!core.hostFiles) return { revealed: false, path: absolute, folder };
    core.hostFiles.reveal(absolute);
    return { revealed: true, path: absolute, folder };
  }),
};
