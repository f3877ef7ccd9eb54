/** Parameters of website.generate: a site name, pages made of sections, a colour theme. */
import { z } from 'zod';
import { workspacePathSchema } from '../workspace-path.js';

export const THEME_PRESETS = {
  ocean: { primary: '#0F4C81', accent: '#1FA2A8' },
  forest: { primary: '#1E5631', accent: '#6FAE5B' },
  sunset: { primary: '#B4410E', accent: '#F59E0B' },
  slate: { primary: '#1F2937', accent: '#6366F1' },
  plum: { primary: '#5B2A86', accent: '#D946EF' },
  rose: { primary: '#9F1239', accent: '#FB7185' },
} as const;
export type ThemePreset = keyof typeof THEME_PRESETS;

const HEX = /^#[0-9a-fA-F]{6}$/;
const hexColour = z.string().regex(HEX, 'must be a colour like #0F4C81');
const SLUG = /^[a-z0-9][a-z0-9-]{0,59}$/;

export const SiteSection = z.object({
  heading: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
  body: z.string({ error: 'must be the section text (simple Markdown: paragraphs, "- " lists, **bold**, [links](https://…))' }).max(20_000, 'must be at most 20,000 characters'),
});

export const SitePage = z.object({
  title: z.string({ error: 'must be the page title' }).min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  slug: z.string().regex(SLUG, 'must be lowercase letters, digits and dashes, such as "about-us"').optional(),
  sections: z.array(SiteSection, { error: 'must be a list of sections' }).min(1, 'must have at least one section').max(30, 'must have at most 30 sections'),
});
export type SitePage = z.output<typeof SitePage>;

export const WebsiteGenerateParams = z.object({
  siteName: z.string({ error: 'must be the name of the business or site' }).min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  tagline: z.string().max(200, 'must be at most 200 characters').optional(),
  theme: z.enum(Object.keys(THEME_PRESETS) as [ThemePreset, ...ThemePreset[]], { error: `must be one of ${Object.keys(THEME_PRESETS).join(', ')}` }).default('ocean'),
  primaryColor: hexColour.optional(),
  accentColor: hexColour.optional(),
  /** The first page becomes index.html. */
  pages: z.array(SitePage, { error: 'must be a list of pages' }).min(1, 'must have at least one page').max(20, 'must have at most 20 pages'),
  contact: z
    .object({
      email: z.email('must be an email address').optional(),
      phone: z.string().max(40).regex(/^[+0-9 ()./-]+$/, 'must be a phone number such as +1 555 010 0199').optional(),
      address: z.string().max(300).optional(),
    })
    .optional(),
  outputDir: workspacePathSchema('site').default('site'),
  overwrite: z.boolean({ error: 'must be true or false' }).default(false),
});
export type WebsiteGenerateParams = z.output<typeof WebsiteGenerateParams>;
