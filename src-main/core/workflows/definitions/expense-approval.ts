/** Expense approval: a manager approves, a director too above $1,000, and the requester is told by email. */
export const EXPENSE_APPROVAL_YAML = `id: expense-approval
version: 1
title: Expense approval
description: A manager approves the expense, a director too when it is above $1,000, and the requester is told by email.
triggers: [expense, reimburse]
inputs:
  - { name: requester, type: string, description: who spent the money }
  - { name: requesterEmail, type: email }
  - { name: amount, type: number, description: the amount in USD }
  - { name: purpose, type: string, description: what it was for }
steps:
  - id: manager_approval
    title: A manager approves
    approval:
      to: { role: manager }
      request: "Approve {{inputs.requester}}'s expense of USD {{inputs.amount}} for {{inputs.purpose}}"
  - id: director_approval
    title: A director approves an expense above $1,000
    when: inputs.amount > 1000
    approval:
      to: { role: director }
      request: "The expense of USD {{inputs.amount}} for {{inputs.purpose}} is above USD 1,000: approve it"
  - id: tell_requester
    title: Tell the requester
    tool: email.send
    args:
      to: ["{{inputs.requesterEmail}}"]
      subject: "Your expense for {{inputs.purpose}} is approved"
      text: "Hi {{inputs.requester}},\\n\\nYour expense of USD {{inputs.amount}} for {{inputs.purpose}} was approved."
`;
