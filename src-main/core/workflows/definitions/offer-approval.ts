/** Offer approval: draft the offer letter, the Director approves, Finance too above $150,000, then the offer is emailed. */
export const OFFER_APPROVAL_YAML = `id: offer-approval
version: 1
title: Offer approval
description: Draft an offer letter, have the Director (and Finance above $150,000) approve it, then email it to the candidate.
triggers: [offer, offer letter]
startRoles: [owner, director, manager]
inputs:
  - { name: candidate, type: string, description: the candidate's full name }
  - { name: email, type: email, description: the candidate's email address }
  - { name: jobTitle, type: string }
  - { name: salary, type: number, description: the yearly salary in USD }
  - { name: startDate, type: date }
steps:
  - id: offer_letter
    title: Draft the offer letter
    tool: documents.docx
    args:
      title: "Offer letter — {{inputs.candidate}}"
      blocks:
        - { type: paragraph, text: "Dear {{inputs.candidate}}," }
        - { type: paragraph, text: "We are pleased to offer you the position of {{inputs.jobTitle}} from {{inputs.startDate}} at USD {{inputs.salary}} a year." }
  - id: director_approval
    title: The Director approves
    approval:
      to: { role: director }
      request: "Approve the offer to {{inputs.candidate}} as {{inputs.jobTitle}} at USD {{inputs.salary}}"
  - id: finance_approval
    title: Finance approves a salary above $150,000
    when: inputs.salary > 150000
    approval:
      to: { role: director, department: finance }
      request: "The offer to {{inputs.candidate}} is above USD 150,000 (USD {{inputs.salary}}): approve it"
  - id: send_offer
    title: Email the offer
    tool: email.send
    args:
      to: ["{{inputs.email}}"]
      subject: "Your offer: {{inputs.jobTitle}}"
      text: "Dear {{inputs.candidate}},\\n\\nPlease find your offer letter attached."
      attachments: [{ path: "{{steps.offer_letter.output.path}}" }]
`;
