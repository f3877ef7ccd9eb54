/** chat.sendFiles: a message with attached files. Spread into handlers.ts. */
import type { z } from 'zod';
import type { ATTACHMENT_METHODS } from '../../../../src-preload/schemas/attachments.js';
import { AttachmentRefusedError, readAttachments } from '../../agent/attachments/attachment-reader.js';
import { toStewardError } from '../../errors.js';
import { attachedLine, attachmentsOf, saveAttachments } from '../../agent/attachments/message-attachments.js';
import { actingPersonId } from '../../people/acting-person.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof ATTACHMENT_METHODS> = z.output<(typeof ATTACHMENT_METHODS)[M]['input']>;
const { async, sync } = handlersUsing<'core'>();

export const attachmentHandlers = {
  'messages.images': sync((input: In<'messages.images'>, { core }) =>
    attachmentsOf(core.db.raw, input.messageId).flatMap((f) => (f.image ? [{ name: f.name, mediaType: f.image.mediaType, dataBase64: f.image.data.toString('base64') }] : [])),
  ),
  // Async: reading a document awaits. Every file is read before anything is stored, so a refused
  // file leaves no message behind; the files are saved before the reply starts (it runs on a later tick).
  'chat.sendFiles': async(async (input: In<'chat.sendFiles'>, { core }, context) => {
    const personId = actingPersonId(core, context);
    const files = await readAttachments(input.files);
    const images = files.filter((f) => f.image).map((f) => f.name);
    // Images only for a model that reads them: refused here with the reason, before anything is stored.
    if (images.length > 0) {
      const choice = input.conversationId ? core.conversations.controls.settings(input.conversationId).model : 'auto';
      try {
        core.llm.assertCanReadImages(choice, images);
      } catch (err) {
        throw new AttachmentRefusedError(toStewardError(err).userMessage);
      }
    }
    const typed = input.text.trim();
    const text = typed ? `${typed}\n\n${attachedLine(files)}` : attachedLine(files);
    // One transaction, and the events (message.created…) only once it has committed.
    return core.events.deferWhile(() =>
      core.db.transaction(() => {
        const { conversationId, message } = core.conversations.send({ ...(input.conversationId && { conversationId: input.conversationId }), text, personId });
        saveAttachments(core.db.raw, { conversationId, messageId: message.id, files, at: message.createdAt });
        return { conversationId, message };
      }),
    );
  }),
};
