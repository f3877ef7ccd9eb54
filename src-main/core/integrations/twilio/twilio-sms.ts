/**
 * Sending texts and reading their delivery status through Twilio's Messages API
 * (POST/GET /2010-04-01/Accounts/{AccountSid}/Messages). A send is not safe to repeat (Twilio has
 * no idempotency key for messages), so only a 429 — which means Twilio did nothing — is retried;
 * status reads retry on server errors too. Opt-outs: Twilio itself blocks a number that replied
 * STOP (error 21610); before sending we also read the person's latest reply, so the refusal comes
 * before anything is attempted.
 */
import { sleepOrThrowOnAbort } from '../../async/sleep.js';
import { callWithRetry } from '../call-with-retry.js';
import { createTwilioClient, type TwilioClient, type TwilioClientOptions } from './twilio-client.js';
import { classifyTwilioError, mapTwilioError, TwilioError } from './twilio-errors.js';

/** Twilio's default opt-out and opt-in keywords (Messaging → Advanced Opt-Out). */
export const OPT_OUT_WORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'];
export const OPT_IN_WORDS = ['START', 'YES', 'UNSTOP'];

/** Final states: Twilio will not change them any more. */
export const FINAL_STATUSES = ['delivered', 'undelivered', 'failed', 'read', 'canceled'];

export interface SentSms {
  sid: string;
  status: string;
  to: string;
  from: string;
  segments: number;
  priceUsd: number | null;
  errorCode: number | null;
  errorMessage: string | null;
}

export interface TwilioSmsOptions extends TwilioClientOptions {
  accountSid: string;
  authToken: string;
  fromNumber: string;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  retryBaseDelayMs?: number;
}

export class TwilioSms {
  private readonly client: TwilioClient;

  constructor(private readonly options: TwilioSmsOptions) {
    this.client = createTwilioClient(options.accountSid, options.authToken, options);
  }

  /** The account's friendly name (the connection test). */
  async accountName(signal?: AbortSignal): Promise<string> {
    const account = await this.retrying(() => this.client.api.v2010.accounts(this.options.accountSid).fetch(), true, 'checking the account', signal);
    return account.friendlyName || this.options.accountSid;
  }

  /** Whether the person's latest keyword reply to our number was an opt-out (STOP …) not followed by START. */
  async hasOptedOut(to: string, signal?: AbortSignal): Promise<boolean> {
    const replies = await this.retrying(() => this.client.messages.list({ from: to, to: this.options.fromNumber, limit: 50 }), true, 'reading replies for STOP', signal);
    // Newest first, as Twilio lists them.
    const sorted = [...replies].sort((a, b) => (b.dateCreated?.getTime() ?? 0) - (a.dateCreated?.getTime() ?? 0));
    for (const reply of sorted) {
      const word = (reply.body ?? '').trim().toUpperCase();
      if (OPT_OUT_WORDS.includes(word)) return true;
      if (OPT_IN_WORDS.includes(word)) return false;
    }
    return false;
  }

  async send(to: string, body: string, signal?: AbortSignal): Promise<SentSms> {
    const message = await this.retrying(() => this.client.messages.create({ to, from: this.options.fromNumber, body }), false, 'sending the text', signal);
    return toSent(message);
  }

  async status(sid: string, signal?: AbortSignal): Promise<SentSms> {
    const message = await this.retrying(() => this.client.messages(sid).fetch(), true, 'checking delivery', signal);
    return toSent(message);
  }

  /**
   * Polls the message until Twilio reports a final status or `watchMs` runs out (a desktop app has
   * no public URL for Twilio's status callbacks). Returns the last status seen.
   */
  async watchDelivery(sent: SentSms, watchMs: number, intervalMs: number, signal?: AbortSignal): Promise<SentSms> {
    let last = sent;
    const deadline = Date.now() + watchMs;
    const sleep = this.options.sleep ?? sleepOrThrowOnAbort;
    while (!FINAL_STATUSES.includes(last.status) && Date.now() + intervalMs <= deadline) {
      await sleep(intervalMs, signal);
      try {
        last = await this.status(sent.sid, signal);
      } catch (err) {
        // The text is out; a status read failing must not turn a sent message into an error.
        if (err instanceof TwilioError) return last;
        throw err;
      }
    }
    return last;
  }

  private async retrying<T>(call: () => Promise<T>, safeToRepeat: boolean, during: string, signal?: AbortSignal): Promise<T> {
    try {
      return await callWithRetry(call, { safeToRepeat, classify: classifyTwilioError, signal, sleep: this.options.sleep, baseDelayMs: this.options.retryBaseDelayMs ?? 500, maxDelayMs: 60_000 });
    } catch (err) {
      throw mapTwilioError(err, during, !safeToRepeat);
    }
  }
}

interface MessageLike {
  sid: string;
  status: string;
  to: string;
  from: string;
  numSegments: string;
  price: string | null;
  errorCode: number | null;
  errorMessage: string | null;
}

function toSent(message: MessageLike): SentSms {
  const price = message.price === null || message.price === undefined ? null : Math.abs(Number(message.price));
  return {
    sid: message.sid,
    status: message.status,
    to: message.to,
    from: message.from,
    segments: Number(message.numSegments) || 1,
    priceUsd: price !== null && Number.isFinite(price) ? price : null,
    errorCode: message.errorCode ?? null,
    errorMessage: message.errorMessage ?? null,
  };
}
