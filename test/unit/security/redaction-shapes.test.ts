/**
 * Every secret shape Steward can hold is redacted wherever redaction runs (audit rows, logs,
 * error messages, tool summaries) — one row per shape, so removing any one pattern fails its row —
 * and ordinary text that merely resembles a secret is left alone (DESIGN §4.4).
 */
import { describe, expect, it } from 'vitest';
import { REDACTED, redactText, redactValue } from '../../../src-main/core/security/redaction.js';

// Realistic in length and alphabet, but made up (the AWS pair is AWS's own documentation example).
const STRIPE_LIVE = 'sk_live_51NvQ2bKx7ZyPq8RstUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUv';
const STRIPE_TEST = 'sk_test_4eC39HqLyjWDarjtT1zdp7dcTestKeyFromDocs';
const STRIPE_RESTRICTED = 'rk_live_51NvQ2bKx7ZyPq8RrestrictedKey0123456789abcd';
const GITHUB_CLASSIC = 'ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ12';
const GITHUB_FINE_GRAINED = 'github_pat_11ABCDEFG0123456789abc_defGHIJklmnOPQRstuvWXYZ0123456789abcdefghijklmnopqrstuvwx';
const GITHUB_OAUTH = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';
const SLACK_BOT = 'xoxb-2048736105-5092837461029-aB3dE5fG7hI9jK1lM3nO5pQ7';
const SLACK_USER = 'xoxp-2048736105-2048736199-5092837461029-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_TEMP_KEY_ID = 'ASIAY34FZKBOKMUTVV7A';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFubiIsImlhdCI6MTUxNjIzOTAyMn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const BEARER_TOKEN = 'ya29.a0AfH6SMBx3kQv9ZpLmN0oPqRsTuVwXyZ';
const OPENAI_LEGACY = 'sk-9aZ8bY7cX6dW5eV4fU3gT2hS1iR0jQpOnMlKjIhGfEdC';
const OPENAI_PROJECT = 'sk-proj-Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St1Uv3Wx5Yz7_ab9-cd1Ef3Gh5Ij7Kl9Mn1Op3Qr5';
const TWILIO_AUTH_TOKEN = '9f86d081884c7d659a2feaa0c55ad015';

interface SecretCase {
  shape: string;
  text: string;
  secret: string;
  /** Words around the secret that must survive, so the reader still knows what was there. */
  keeps: string;
}

const SECRETS: SecretCase[] = [
  { shape: 'Stripe live secret key', text: `Stripe rejected ${STRIPE_LIVE}: expired`, secret: STRIPE_LIVE, keeps: 'Stripe rejected' },
  { shape: 'Stripe test secret key', text: `STRIPE_KEY=${STRIPE_TEST}`, secret: STRIPE_TEST, keeps: 'STRIPE_KEY=' },
  { shape: 'Stripe restricted key', text: `using restricted key ${STRIPE_RESTRICTED} for refunds`, secret: STRIPE_RESTRICTED, keeps: 'for refunds' },
  { shape: 'GitHub classic token', text: `git push https://${GITHUB_CLASSIC}@github.com/acme/site.git`, secret: GITHUB_CLASSIC, keeps: '@github.com/acme/site.git' },
  { shape: 'GitHub fine-grained token', text: `token ${GITHUB_FINE_GRAINED} was revoked`, secret: GITHUB_FINE_GRAINED, keeps: 'was revoked' },
  { shape: 'GitHub OAuth token', text: `oauth: ${GITHUB_OAUTH}`, secret: GITHUB_OAUTH, keeps: 'oauth:' },
  { shape: 'Slack bot token', text: `Slack said invalid_auth for ${SLACK_BOT}`, secret: SLACK_BOT, keeps: 'invalid_auth' },
  { shape: 'Slack user token', text: `{"ok":false,"token":"${SLACK_USER}"}`, secret: SLACK_USER, keeps: '"ok":false' },
  { shape: 'AWS access key id', text: `The AWS Access Key Id ${AWS_KEY_ID} you provided does not exist`, secret: AWS_KEY_ID, keeps: 'does not exist' },
  { shape: 'AWS temporary access key id', text: `assumed role with ${AWS_TEMP_KEY_ID}`, secret: AWS_TEMP_KEY_ID, keeps: 'assumed role' },
  { shape: 'AWS secret key in an env line', text: `AWS_SECRET_ACCESS_KEY=${AWS_SECRET}\nAWS_REGION=eu-west-1`, secret: AWS_SECRET, keeps: 'AWS_SECRET_ACCESS_KEY=' },
  { shape: 'AWS secret key in JSON', text: `{"AccessKeyId":"x","SecretAccessKey":"${AWS_SECRET}"}`, secret: AWS_SECRET, keeps: '"SecretAccessKey":"' },
  { shape: 'AWS secret key in prose', text: `Our AWS secret is ${AWS_SECRET} — keep it safe`, secret: AWS_SECRET, keeps: 'keep it safe' },
  { shape: 'JWT', text: `session cookie ${JWT} expired`, secret: JWT, keeps: 'expired' },
  { shape: 'Bearer token in free text', text: `curl -H "Authorization: Bearer ${BEARER_TOKEN}" https://api.example.com`, secret: BEARER_TOKEN, keeps: 'https://api.example.com' },
  { shape: 'OpenAI key', text: `Incorrect API key provided: ${OPENAI_LEGACY}.`, secret: OPENAI_LEGACY, keeps: 'Incorrect API key provided' },
  { shape: 'OpenAI project key', text: `OPENAI_API_KEY=${OPENAI_PROJECT}`, secret: OPENAI_PROJECT, keeps: 'OPENAI_API_KEY=' },
  { shape: 'Twilio auth token in an env line', text: `TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}`, secret: TWILIO_AUTH_TOKEN, keeps: 'TWILIO_AUTH_TOKEN=' },
  { shape: 'Twilio auth token in prose', text: `The Twilio auth token is ${TWILIO_AUTH_TOKEN}, rotate it monthly`, secret: TWILIO_AUTH_TOKEN, keeps: 'rotate it monthly' },
];

// Text a user or a tool writes every day that shares a prefix, length or alphabet with a secret.
const NEAR_MISSES: { what: string; text: string }[] = [
  { what: 'a Stripe publishable-key prefix alone', text: 'Keys start with sk_live_ or rk_live_ in Stripe' },
  { what: 'a Stripe object id', text: 'Refunded charge ch_3NvQ2bKx7ZyPq8Rs0abcdEFG and customer cus_PqRsTuVwXyZ123' },
  { what: 'words ending in sk-', text: 'task-board-for-the-quarterly-review and risk-assessment-2026-draft' },
  { what: 'a short sk- word', text: 'we use sk-learn for the forecast' },
  { what: 'a GitHub URL', text: 'see https://github.com/acme/ghp-tools/pull/42' },
  { what: 'a Slack channel', text: 'post in #xox-team on Slack' },
  { what: 'an AWS region and ARN', text: 'arn:aws:s3:::acme-invoices in eu-west-1' },
  { what: 'a word starting AKIA', text: 'AKIAKIA is not a key' },
  { what: 'a git commit hash', text: 'fixed in commit da39a3ee5e6b4b0d3255bfef95601890afd80709' },
  { what: 'a checksum without a secret label', text: 'md5 9e107d9d372bb6826bd81d3542a419d6 for invoice.pdf' },
  { what: 'a Twilio account SID (an id, not a secret)', text: 'Twilio account AC9f86d081884c7d659a2feaa0c55ad015' },
  { what: 'the word bearer in a sentence', text: 'Pay to the bearer of this cheque on Monday' },
  { what: 'a secret-key label with a short value', text: 'secret key: set it under Settings' },
  { what: 'a JWT-like word', text: 'eyJust kidding.not a token' },
  { what: 'an email address and a phone number', text: 'ann@example.com, +1 415 555 0100' },
];

describe('redaction of every secret shape Steward holds', () => {
  it.each(SECRETS)('$shape is replaced and the words around it stay', ({ text, secret, keeps }) => {
    const out = redactText(text);
    expect(out).not.toContain(secret);
    // No fragment long enough to be useful survives either.
    expect(out).not.toContain(secret.slice(4, 20));
    expect(out).toContain(REDACTED);
    expect(out).toContain(keeps);
  });

  it.each(NEAR_MISSES)('leaves $what as it is', ({ text }) => {
    expect(redactText(text)).toBe(text);
  });

  it('redacts every shape inside nested values (what audit rows and tool summaries store)', () => {
    const args = { request: { note: SECRETS.map((c) => c.text).join('\n') }, recipients: ['ann@example.com'] };
    const out = JSON.stringify(redactValue(args));
    for (const { secret, shape } of SECRETS) expect(out, shape).not.toContain(secret);
    expect(out).toContain('ann@example.com');
  });
});
