import type { AnyTool } from '../../tool.js';
import { listUpcomingChargesTool, paymentMethodLinkTool } from './stripe-account-tools.js';
import { createPaymentTool } from './stripe-create-payment.js';
import { refundTool } from './stripe-refund.js';
import { sendInvoiceTool } from './stripe-send-invoice.js';
import { cancelSubscriptionTool, createSubscriptionTool } from './stripe-subscriptions.js';
import type { StripeToolDeps } from './stripe-tool-support.js';

export type { StripeToolDeps } from './stripe-tool-support.js';

/** The Stripe tools; their names are listed in the Stripe integration descriptor. */
export function stripeTools(deps: StripeToolDeps): AnyTool[] {
  return [createPaymentTool(deps), sendInvoiceTool(deps), refundTool(deps), createSubscriptionTool(deps), cancelSubscriptionTool(deps), listUpcomingChargesTool(deps), paymentMethodLinkTool(deps)] as AnyTool[];
}
