/**
 * Credentials said in conversation go to the OS keychain, never into memory (DESIGN §4.4).
 * Memory keeps only a pointer fact ("Stripe has a credential saved in the keychain as …").
 */
import type { SecretStore } from '../ports.js';
import { toStewardError } from '../errors.js';
import type { MemoryLogger } from './memory-log.js';
import type { SensitiveFinding } from './privacy-filter.js';

export const CREDENTIAL_ACCOUNT_PREFIX = 'memory-credential:';

const SERVICES: readonly [RegExp, string][] = [
  [/\bstripe\b|\b(?:sk|rk|pk)_(?:live|test)_|\bwhsec_/i, 'Stripe'],
  [/\bopenai\b|\bsk-(?:proj-)?[A-Za-z0-9]/i, 'OpenAI'],
  [/\banthropic\b|\bsk-ant-/i, 'Anthropic'],
  [/\bgithub\b|\bgh[pousr]_|\bgithub_pat_/i, 'GitHub'],
  [/\bgitlab\b|\bglpat-/i, 'GitLab'],
  [/\bslack\b|\bxox[abprs]-/i, 'Slack'],
  [/\baws\b|\bamazon\b|\bAKIA/i, 'AWS'],
  [/\bgoogle\b|\bgmail\b|\bAIza/i, 'Google'],
  [/\btwilio\b/i, 'Twilio'],
  [/\bsendgrid\b|\bSG\./i, 'SendGrid'],
  [/\bmailchimp\b/i, 'Mailchimp'],
  [/\bhugging ?face\b|\bhf_/i, 'Hugging Face'],
  [/\bpostgres(?:ql)?\b/i, 'PostgreSQL'],
  [/\bmysql\b|\bmariadb\b/i, 'MySQL'],
  [/\bwi-?fi\b/i, 'Wi-Fi'],
  [/\bvpn\b/i, 'VPN'],
  [/\bquickbooks\b/i, 'QuickBooks'],
  [/\bxero\b/i, 'Xero'],
  [/\bshopify\b/i, 'Shopify'],
];

export interface SavedCredential {
  service: string;
  account: string;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export class CredentialVault {
  constructor(
    private readonly secrets: SecretStore | null,
    private readonly log: MemoryLogger,
  ) {}

  /** Saves each credential found in `text`; returns where they went. Never throws. */
  async capture(text: string, findings: readonly SensitiveFinding[]): Promise<SavedCredential[]> {
    const saved: SavedCredential[] = [];
    for (const finding of findings) {
      if (finding.kind !== 'password' && finding.kind !== 'api_key') continue;
      if (!this.secrets) {
        this.log.warn('credential not kept: no keychain available to memory', { kind: finding.kind });
        continue;
      }
      const service = serviceOf(text, finding);
      const kind = finding.kind === 'password' ? 'password' : /webhook|whsec_/i.test(text.slice(Math.max(0, finding.start - 30), finding.end)) ? 'webhook-secret' : 'api-key';
      const base = `${CREDENTIAL_ACCOUNT_PREFIX}${slug(service)}-${kind}`;
      try {
        // A second, different credential for the same service gets its own entry: none is lost.
        let account = base;
        for (let n = 2; ; n += 1) {
          const existing = await this.secrets.get(account);
          if (existing === null || existing === finding.value) break;
          account = `${base}-${n}`;
        }
        await this.secrets.set(account, finding.value);
        saved.push({ service, account });
      } catch (err) {
        this.log.warn('credential could not be saved to the keychain', { code: toStewardError(err).code, kind: finding.kind });
      }
    }
    return saved;
  }
}

/** The service a credential belongs to: named in its sentence, or told by the key's own prefix. */
function serviceOf(text: string, finding: SensitiveFinding): string {
  const sentenceStart = Math.max(0, text.lastIndexOf('.', finding.start) + 1, text.lastIndexOf('\n', finding.start) + 1);
  const sentenceEnd = (() => {
    const i = text.slice(finding.end).search(/[.\n]\s/);
    return i < 0 ? text.length : finding.end + i;
  })();
  const context = text.slice(sentenceStart, sentenceEnd);
  for (const [pattern, name] of SERVICES) if (pattern.test(finding.value)) return name;
  for (const [pattern, name] of SERVICES) if (pattern.test(context)) return name;
  const named = /\b(?:for|to|of|on)\s+(?:the\s+|our\s+|my\s+)?([A-Z][\w-]{1,30})/.exec(context) ?? /\b(?:our|my|the)\s+([A-Z][\w-]{1,30})\s+(?:password|key|token)/.exec(context);
  return named?.[1] ?? 'Unnamed service';
}
