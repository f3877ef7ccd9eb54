/**
 * One loaded local chat model at a time. A conversation may choose any installed local model in the
 * chat header; the first call that needs it unloads the current one (once its running calls are
 * done), loads the chosen one and keeps it loaded for every later call, until another is chosen.
 * A model that fails to load leaves the previous one in place (reloaded on its next use), and the
 * error says so. Embeddings are not moved: the chosen model's provider embeds with the same file as
 * before (the embedding model, or the default chat model), so the memory index keeps one vector space.
 */
import { existsSync } from 'node:fs';
import { toStewardError } from '../errors.js';
import type { LlmProvider } from './provider.js';
import { ChosenModelUnavailableError } from './router/router-errors.js';
import { LocalModelLoadFailedError } from './local-model-swap-errors.js';

export interface LocalModelHost {
  /** The local provider the router uses now, and the model file it runs. */
  current(): { provider: LlmProvider | null; model: string | null };
  /** A provider for this installed model with the same engine settings; not loaded yet. */
  build(model: string): Promise<LlmProvider>;
  /** Makes this the router's local provider. */
  install(provider: LlmProvider | null, model: string | null): void;
  /** Resolves once no call is running on this provider. */
  whenIdle(provider: LlmProvider): Promise<void>;
  modelPath(model: string): string;
}

export class LocalModelSwap {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: LocalModelHost) {}

  /**
   * The local provider for a call: the chosen model (loaded in place of the current one when it
   * differs), or, for a call that chose none, whichever model is loaded once any swap in progress is done.
   */
  use(model: string | undefined, onLoading?: (model: string) => void): Promise<LlmProvider | null> {
    if (model === undefined) return this.queue.then(() => this.host.current().provider);
    const run = this.queue.then(() => this.swapTo(model, onLoading));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async swapTo(model: string, onLoading?: (model: string) => void): Promise<LlmProvider> {
    const { provider: previous, model: previousModel } = this.host.current();
    if (previous && previousModel === model) return previous;
    const file = this.host.modelPath(model);
    if (!existsSync(file)) {
      throw new ChosenModelUnavailableError(`This conversation is set to answer with ${model}, but it is not installed (no file at ${file}). Install it on the Models screen, or pick another model in the chat header.`);
    }
    onLoading?.(model);
    if (previous) {
      await this.host.whenIdle(previous);
      await previous.close().catch(() => undefined);
    }
    let candidate: LlmProvider | null = null;
    try {
      candidate = await this.host.build(model);
      await load(candidate);
    } catch (err) {
      await candidate?.close().catch(() => undefined);
      // The previous model comes back (loaded again on its next use); the conversation keeps its choice only if the caller saves it.
      await this.restore(previousModel);
      throw new LocalModelLoadFailedError(model, previousModel, toStewardError(err).userMessage, err);
    }
    this.host.install(candidate, model);
    return candidate;
  }

  private async restore(previousModel: string | null): Promise<void> {
    try {
      this.host.install(previousModel ? await this.host.build(previousModel) : null, previousModel);
    } catch {
      this.host.install(null, null);
    }
  }
}

/** Loads the model now (so a failure is found here, not halfway through a reply). */
async function load(provider: LlmProvider): Promise<void> {
  const warm = (provider as Partial<{ warmUp(): Promise<void> }>).warmUp;
  if (typeof warm === 'function') await warm.call(provider);
  else await provider.countTokens('hello');
}
