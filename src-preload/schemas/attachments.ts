import { z } from 'zod';
import { spec } from './method-spec.js';
import { IdSchema, MessageSchema } from './entities.js';

/**
 * Files attached to a chat message (issue 17): documents are read into text and given to the model
 * as untrusted content with their name; images go to a model that reads images (a vision-capable
 * cloud model) and are refused with the reason otherwise (the local model reads text only).
 */
export const MAX_ATTACHMENTS = 5;
/** Images per message, and bytes per image: a picture travels as a data URL in every request of its turn. */
export const MAX_IMAGES = 4;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_TOTAL_BYTES = 20 * 1024 * 1024;
/** Documents Steward reads into text. */
export const ATTACHMENT_DOCUMENT_EXTENSIONS = ['.pdf', '.docx', '.xlsx', '.txt', '.md', '.csv'] as const;
export const ATTACHMENT_IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.webp'] as const;

/** Base64 of MAX_ATTACHMENT_BYTES, with room for padding. */
const MAX_BASE64_CHARS = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4;

export const AttachmentInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'is too long (max 200 characters)')
      .refine((n) => !/[\\/]/.test(n), 'must be a file name, not a path'),
    /** The file's bytes, base64-encoded. */
    dataBase64: z
      .string()
      .max(MAX_BASE64_CHARS, `is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB — attach a smaller file or split it`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be the file’s bytes in base64'),
  })
  .strict();
export type AttachmentInput = z.infer<typeof AttachmentInputSchema>;

export const MessageImageSchema = z.object({ name: z.string(), mediaType: z.string(), dataBase64: z.string() });
export type MessageImage = z.infer<typeof MessageImageSchema>;

export const ATTACHMENT_METHODS = {
  /** The images attached to a message (for its thumbnails in the thread); empty when it has none. */
  'messages.images': spec(z.object({ messageId: IdSchema }).strict(), z.array(MessageImageSchema)),
  /** Sends a message with files: documents are read (as untrusted content), images kept for a model that reads them (refused with the reason when the conversation's model cannot); nothing is stored if any file is refused. */
  'chat.sendFiles': spec(
    z
      .object({
        conversationId: IdSchema.optional(),
        text: z.string().max(100_000, 'is too long (max 100,000 characters) — attach it as a file instead').default(''),
        files: z.array(AttachmentInputSchema).min(1, 'is empty — pick at least one file').max(MAX_ATTACHMENTS, `has more than ${MAX_ATTACHMENTS} files — send at most ${MAX_ATTACHMENTS} at a time`),
      })
      .strict(),
    z.object({ conversationId: IdSchema, message: MessageSchema }),
    true,
  ),
};
