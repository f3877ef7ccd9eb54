/**
 * The content model shared by the .docx and .pdf tools: a title and an ordered list of blocks.
 * Flat blocks are easier for a model to fill correctly than nested sections, and both renderers
 * map them one to one.
 */
import { z } from 'zod';

const text = (what: string, max: number) =>
  z
    .string({ error: `must be the ${what} as text` })
    .min(1, `must not be empty`)
    .max(max, `must be at most ${max.toLocaleString('en-US')} characters`);

export const HeadingBlock = z.object({
  type: z.literal('heading'),
  text: text('heading', 300),
  level: z.number().int('must be 1, 2 or 3').min(1, 'must be 1, 2 or 3').max(3, 'must be 1, 2 or 3').default(1),
});

export const ParagraphBlock = z.object({
  type: z.literal('paragraph'),
  text: text('paragraph', 20_000),
});

export const BulletsBlock = z.object({
  type: z.literal('bullets'),
  items: z.array(text('bullet item', 2000), { error: 'must be a list of bullet texts' }).min(1, 'must have at least one item').max(200, 'must have at most 200 items'),
});

export const TableBlock = z
  .object({
    type: z.literal('table'),
    columns: z.array(text('column header', 200), { error: 'must be a list of column headers' }).min(1, 'must have at least one column').max(20, 'must have at most 20 columns'),
    rows: z
      .array(z.array(z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]), { error: 'each row must be a list of cell values' }), { error: 'must be a list of rows' })
      .max(1000, 'must have at most 1000 rows'),
  })
  .superRefine((table, ctx) => {
    table.rows.forEach((row, i) => {
      if (row.length > table.columns.length) {
        ctx.addIssue({ code: 'custom', path: ['rows', i], message: `has ${row.length} cells but the table has only ${table.columns.length} columns` });
      }
    });
  });

export const DocumentBlock = z.discriminatedUnion('type', [HeadingBlock, ParagraphBlock, BulletsBlock, TableBlock], {
  error: 'must be a block with "type" set to heading, paragraph, bullets or table',
});
export type DocumentBlock = z.output<typeof DocumentBlock>;
export type TableBlock = z.output<typeof TableBlock>;

export const DocumentContent = {
  title: text('document title', 300),
  subtitle: z.string().max(500, 'must be at most 500 characters').optional(),
  author: z.string().max(200, 'must be at most 200 characters').optional(),
  blocks: z.array(DocumentBlock, { error: 'must be a list of content blocks' }).max(2000, 'must have at most 2000 blocks').default([]),
  overwrite: z.boolean({ error: 'must be true or false' }).default(false),
};

/**
 * Text of a table cell as printed. Numbers are printed as given, without thousands separators:
 * a separator would turn a year or an invoice number into "2,024" (give formatted text for money).
 */
export function cellText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** A safe file name from a title, for the default output path. */
export function slugify(title: string, fallback = 'document'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || fallback;
}

/** zod refinement: the path must end with the given extension. */
export function hasExtension(extension: string) {
  return (value: string) => value.toLowerCase().endsWith(extension);
}
