import { z } from 'zod';
import { spec } from './method-spec.js';
import { IdSchema } from './entities.js';

/**
 * Picking a file or folder on this computer (the shared path picker) and showing one in the OS
 * file manager. Paths are absolute paths on the machine running Steward: the desktop app, or the
 * local server that listens on 127.0.0.1 only — either way the user's own machine.
 */

/** An absolute path on this machine (POSIX `/…`, Windows `C:\…` or `\\server\share`). */
export const AbsolutePathSchema = z
  .string()
  .trim()
  .min(1, 'is empty — choose a file or folder')
  .max(4096, 'is too long (max 4,096 characters)')
  .refine((p) => !p.includes('\0'), 'must not contain a NUL character')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'must be a full path such as /home/you/Documents or C:\\Users\\you\\Documents');

/** A file name extension with its dot, like ".gguf"; matched case-insensitively. */
export const FileExtensionSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\.[a-z0-9][a-z0-9._-]{0,15}$/, 'must be an extension with its dot, like ".pdf"');

export const PathKindSchema = z.enum(['file', 'folder']);
export type PathKind = z.infer<typeof PathKindSchema>;

/** At most this many entries come back for one folder; the rest are counted, not listed. */
export const MAX_BROWSE_ENTRIES = 2000;

export const BrowseEntrySchema = z.object({
  name: z.string(),
  path: z.string(),
  /** Bytes; 0 for folders. */
  size: z.number().int().nonnegative(),
  /** ISO time of the last change; null when it could not be read. */
  modifiedAt: z.string().nullable(),
});
export type BrowseEntry = z.infer<typeof BrowseEntrySchema>;

export const FilesBrowseInputSchema = z
  .object({
    /** The folder to list; absent: the user's home folder. */
    path: AbsolutePathSchema.optional(),
    /** 'folder': list sub-folders only (picking a folder); 'file' (default): sub-folders and matching files. */
    pick: PathKindSchema.default('file'),
    /** Only files with one of these extensions are listed; absent or empty: every file. */
    extensions: z.array(FileExtensionSchema).max(20, 'has more than 20 extensions').optional(),
  })
  .strict();

export const FilesBrowseOutputSchema = z.object({
  /** The folder listed (absolute, normalised). */
  path: z.string(),
  /** The folder above it; null at the top of the file system. */
  parent: z.string().nullable(),
  /** The user's home folder: where browsing starts. */
  home: z.string(),
  folders: z.array(BrowseEntrySchema),
  files: z.array(BrowseEntrySchema),
  /** Entries beyond MAX_BROWSE_ENTRIES, not listed. */
  notListed: z.number().int().nonnegative(),
});
export type FilesBrowseOutput = z.infer<typeof FilesBrowseOutputSchema>;

export const FilesPickNativeInputSchema = z
  .object({
    pick: PathKindSchema,
    /** The dialog's title, e.g. "Choose a model file". */
    title: z.string().trim().min(1).max(200).optional(),
    /** For files: only these extensions are offered. */
    extensions: z.array(FileExtensionSchema).max(20, 'has more than 20 extensions').optional(),
    /** Where the dialog opens. */
    startAt: AbsolutePathSchema.optional(),
  })
  .strict();

/** What "Open folder" shows: a file on this computer, or a workspace file as previews name it (relative, with its task). */
export const FilesRevealInputSchema = z.union([
  z.object({ path: AbsolutePathSchema }).strict(),
  z
    .object({
      workspacePath: z.string().min(1, 'must not be empty; use a path relative to the workspace, such as "reports/summary.docx"').max(512, 'must be at most 512 characters'),
      taskId: IdSchema.optional(),
    })
    .strict(),
]);

export const FilesRevealOutputSchema = z.object({
  /** True when the OS file manager was asked to show it (desktop app); false elsewhere. */
  revealed: z.boolean(),
  /** The file's absolute path and its folder: what the browser build shows to copy instead. */
  path: z.string(),
  folder: z.string(),
});
export type FilesRevealOutput = z.infer<typeof FilesRevealOutputSchema>;

export const FILES_METHODS = {
  /** Lists one folder of this computer for the in-app picker: sub-folders and matching files, hidden ones left out. */
  'files.browse': spec(FilesBrowseInputSchema, FilesBrowseOutputSchema),
  /** The desktop app's own open dialog; null when the user cancelled. Only the desktop app can show it. */
  'files.pickNative': spec(FilesPickNativeInputSchema, z.object({ path: z.string().nullable() })),
  /** Shows a file in the OS file manager, selected (desktop app); elsewhere answers where it is, revealed: false. */
  'files.reveal': spec(FilesRevealInputSchema, FilesRevealOutputSchema),
};
