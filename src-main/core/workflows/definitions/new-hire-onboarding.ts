/**
 * New-hire onboarding (the HR demo's workflow): offer letter → the Director approves (and a
 * Finance director too when the salary is above $150,000) → the employee is created in the HR
 * system → a welcome email and the first-day meeting, in parallel. YAML so people can read and
 * copy it; loaded and checked like any user definition.
 */
export const NEW_HIRE_ONBOARDING_YAML = `id: new-hire-onboarding
version: 1
title: New-hire onboarding
description: Offer letter, the Director's approval (and Finance above $150,000), the employee in the HR system, a welcome email and the first-day meeting.
triggers: [onboard, new hire, hire]
startRoles: [owner, director, manager]
inputs:
  - { name: firstName, type: string, description: the new hire's first name }
  - { name: lastName, type: string, description: the new hire's last name }
  - { name: jobTitle, type: string, description: "the job title, such as Senior Engineer" }
  - { name: startDate, type: date, description: "the first working day, such as 2027-01-05" }
  - { name: salary, type: number, description: the yearly salary in USD }
  - { name: manager, type: string, description: who they report to }
  - { name: email, type: email, description: the new hire's email address }
  - { name: department, type: string, required: false, description: their department }
steps:
  - id: offer_letter
    title: Draft the offer letter
    tool: documents.docx
    args:
      title: "Offer letter — {{inputs.firstName}} {{inputs.lastName}}"
      blocks:
        - { type: paragraph, text: "Dear {{inputs.firstName}} {{inputs.lastName}}," }
        - { type: paragraph, text: "We are delighted to offer you the position of {{inputs.jobTitle}}, reporting to {{inputs.manager}}, starting on {{inputs.startDate}}." }
        - { type: paragraph, text: "Your yearly salary will be USD {{inputs.salary}}." }
        - { type: paragraph, text: "We look forward to working with you." }
  - id: director_approval
    title: The Director approves the offer
    approval:
      to: { role: director }
      request: "Approve the offer to {{inputs.firstName}} {{inputs.lastName}} as {{inputs.jobTitle}} at USD {{inputs.salary}} a year, starting {{inputs.startDate}} (letter: {{steps.offer_letter.output.path}})"
  - id: finance_approval
    title: Finance approves a salary above $150,000
    after: [offer_letter]
    when: inputs.salary > 150000
    approval:
      to: { role: director, department: finance }
      request: "The salary offered to {{inputs.firstName}} {{inputs.lastName}} (USD {{inputs.salary}}) is above USD 150,000: approve it"
  - id: create_employee
    title: Create the employee in the HR system
    after: [director_approval, finance_approval]
    tool: hris.createEmployee
    args:
      firstName: "{{inputs.firstName}}"
      lastName: "{{inputs.lastName}}"
      jobTitle: "{{inputs.jobTitle}}"
      hireDate: "{{inputs.startDate}}"
      workEmail: "{{inputs.email}}"
      department: "{{inputs.department}}"
  - id: welcome_email
    title: Send the welcome email
    after: [create_employee]
    tool: email.send
    args:
      to: ["{{inputs.email}}"]
      subject: "Welcome aboard, {{inputs.firstName}}!"
      text: "Hi {{inputs.firstName}},\\n\\nWelcome to the team! You start as {{inputs.jobTitle}} on {{inputs.startDate}}, reporting to {{inputs.manager}}. Your first-day meeting is on your calendar.\\n\\nSee you soon."
  - id: first_day_meeting
    title: Put the first-day meeting on the calendar
    after: [create_employee]
    tool: calendar.create_event
    args:
      title: "First day: welcome {{inputs.firstName}} {{inputs.lastName}}"
      start: "{{inputs.startDate}}T09:00"
      durationMinutes: 60
      attendees: ["{{inputs.email}}"]
`;
