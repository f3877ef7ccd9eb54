/**
 * The one list of outside services (DESIGN §1). Adding a service = its own folders plus one
 * entry here; the contract, handlers and Integrations screen read this list. The order is the
 * order on the screen.
 */
import { cloudModelIntegration } from './cloud-model/cloud-model-integration.js';
import type { Integration } from './integration.js';
import { smtpIntegration } from './smtp/smtp-integration.js';
import { stripeIntegration } from './stripe/stripe-integration.js';
import { googleIntegration } from './google/google-integration.js';
import { twilioIntegration } from './twilio/twilio-integration.js';
import { sqliteIntegration } from './sqlite/sqlite-integration.js';
import { postgresIntegration } from './postgres/postgres-integration.js';
import { mysqlIntegration } from './mysql/mysql-integration.js';
import { bamboohrIntegration } from './bamboohr/bamboohr-integration.js';

export const INTEGRATIONS: readonly Integration[] = [
  smtpIntegration,
  cloudModelIntegration,
  stripeIntegration,
  googleIntegration,
  twilioIntegration,
  sqliteIntegration,
  postgresIntegration,
  mysqlIntegration,
  bamboohrIntegration,
];

export function findIntegration(id: string): Integration | undefined {
  return INTEGRATIONS.find((integration) => integration.id === id);
}

export type { Integration, IntegrationContext, IntegrationFact, IntegrationState, IntegrationTestResult, SecretAccountSpec, ConnectionKind } from './integration.js';
