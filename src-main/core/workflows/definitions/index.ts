import { EXPENSE_APPROVAL_YAML } from './expense-approval.js';
import { NEW_HIRE_ONBOARDING_YAML } from './new-hire-onboarding.js';
import { OFFER_APPROVAL_YAML } from './offer-approval.js';
import { VENDOR_PAYMENT_YAML } from './vendor-payment.js';

/** The definitions Steward ships, by file name as shown in messages. */
export const SHIPPED_DEFINITIONS: readonly { source: string; yaml: string }[] = [
  { source: 'new-hire-onboarding.yaml', yaml: NEW_HIRE_ONBOARDING_YAML },
  { source: 'offer-approval.yaml', yaml: OFFER_APPROVAL_YAML },
  { source: 'expense-approval.yaml', yaml: EXPENSE_APPROVAL_YAML },
  { source: 'vendor-payment.yaml', yaml: VENDOR_PAYMENT_YAML },
];
