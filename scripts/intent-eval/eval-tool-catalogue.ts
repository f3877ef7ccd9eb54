/**
 * The tool catalogue the model sees during the intent evaluation: the built-in tools plus
 * declarations of the business tools the dataset's simple actions need (calendar, reminders,
 * payments, contacts, messages, to-dos). Those are declared only — name, description, schema —
 * so the prompt looks like a fully set-up Steward; they can never run.
 */
import { z } from 'zod';
import { StewardError } from '../../src-main/core/errors.js';
import { builtinTools, PreviewServers } from '../../src-main/core/tools/builtin/index.js';
import { defineTool, type AnyTool, type SideEffect } from '../../src-main/core/tools/tool.js';

function declaredOnly(name: string, description: string, sideEffect: SideEffect, parameters: z.ZodObject): AnyTool {
  return defineTool({
    name,
    description,
    parameters,
    sideEffect,
    defaultPermission: 'ask',
    idempotent: false,
    async execute() {
      throw new StewardError('internal', `${name} is declared for the intent evaluation only and cannot run.`);
    },
  });
}

export function evaluationToolCatalogue(): AnyTool[] {
  return [
    ...builtinTools({ getSmtpConfig: () => null, previews: new PreviewServers() }),
    declaredOnly('calendar.create_event', 'Create, move or cancel an event in the user’s calendar.', 'external', z.object({ title: z.string(), start: z.string(), durationMinutes: z.number().optional(), attendees: z.array(z.string()).optional(), action: z.enum(['create', 'move', 'cancel', 'accept']).optional() })),
    declaredOnly('reminders.create', 'Remind the user of something at a given time, or add an item to their to-do list.', 'local', z.object({ text: z.string(), at: z.string().optional() })),
    declaredOnly('payments.send', 'Pay an invoice or send money to a person or company.', 'financial', z.object({ payee: z.string(), amount: z.number(), currency: z.string(), reference: z.string().optional() })),
    declaredOnly('payments.charge', 'Charge a customer, refund an order, or mark an invoice as paid.', 'financial', z.object({ customer: z.string(), amount: z.number().optional(), action: z.enum(['charge', 'refund', 'mark_paid']) })),
    declaredOnly('contacts.upsert', 'Add a contact or update a contact’s details.', 'local', z.object({ name: z.string(), email: z.string().optional(), phone: z.string().optional() })),
    declaredOnly('messages.sms', 'Send a text message to a phone number or contact.', 'external', z.object({ to: z.string(), text: z.string() })),
    declaredOnly('timesheet.log', 'Log hours worked on a project.', 'local', z.object({ project: z.string(), hours: z.number(), date: z.string().optional() })),
    declaredOnly('careers.post_job', 'Publish a job opening on the careers page.', 'external', z.object({ title: z.string(), description: z.string() })),
    declaredOnly('files.manage', 'Create a folder, rename or delete a file in the workspace.', 'local', z.object({ action: z.enum(['mkdir', 'rename', 'delete']), path: z.string(), newPath: z.string().optional() })),
  ];
}
