/**
 * Vendor payment: Finance approves, then the payment runs through the Stripe payment tool — which
 * still asks on its own approval card and is held to the payment limits and two-factor settings.
 */
export const VENDOR_PAYMENT_YAML = `id: vendor-payment
version: 1
title: Vendor payment
description: Finance approves the payment, then it is charged through Stripe (its own approval card, payment limits and two-factor still apply).
triggers: [pay vendor, vendor payment]
startRoles: [owner, director, manager]
inputs:
  - { name: vendor, type: string, description: the vendor's Stripe customer id (cus_…) or email }
  - { name: amount, type: number, description: the amount in USD }
  - { name: invoice, type: string, description: the invoice number or what it is for }
steps:
  - id: finance_approval
    title: Finance approves the payment
    approval:
      to: { role: director, department: finance }
      request: "Approve paying USD {{inputs.amount}} to {{inputs.vendor}} for {{inputs.invoice}}"
  - id: pay
    title: Pay through Stripe
    tool: stripe.create_payment
    args:
      customer: "{{inputs.vendor}}"
      amount: "{{inputs.amount}}"
      currency: usd
      purpose: "Invoice {{inputs.invoice}}"
    onFailure: { retry: 0, then: stop }
`;
