/**
 * Typed errors of the model layer, shared by every provider (local, OpenAI-compatible, router).
 * Each says what went wrong and what the user can do; internals go to `detail`/`cause` only.
 */
import path from 'node:path';
import { StewardError, type FieldIssue } from '../errors.js';

/** The exact commands that get a model onto this machine (package.json "models" script). */
export function modelInstallHint(modelId: string): string {
  return `Download it with \`npm run models -- pull ${modelId}\` (see \`npm run models -- list\`), or use a file you already have with \`npm run models -- import <file.gguf>\`.`;
}

/** No local model is configured, or the configured file is not there. */
export class ModelMissingError extends StewardError {
  readonly modelId: string;
  readonly modelPath: string | null;

  constructor(options: { modelId?: string | null; modelPath?: string | null; role?: 'chat' | 'embedding' | 'draft' | 'reranker' }) {
    const modelPath = options.modelPath ?? null;
    const modelId = options.modelId ?? (modelPath ? path.basename(modelPath).replace(/\.gguf$/i, '') : '<id>');
    const what = options.role === 'embedding' ? 'embedding model' : options.role === 'draft' ? 'draft model' : options.role === 'reranker' ? 'reranking model' : 'local model';
    const where = modelPath ? `The ${what} "${modelId}" was not found at ${modelPath}.` : `No ${what} is set up yet.`;
    super('model_missing', `${where} ${modelInstallHint(modelId)}`);
    this.modelId = modelId;
    this.modelPath = modelPath;
  }
}

/** The file exists but is not a usable GGUF (wrong magic, truncated, unreadable header). */
export class ModelInvalidError extends StewardError {
  readonly modelPath: string;
  readonly reason: string;

  constructor(modelPath: string, reason: string, options?: { cause?: unknown }) {
    super(
      'model_invalid',
      `The model file ${modelPath} cannot be used: ${reason}. Delete it and download it again with \`npm run models -- pull <id>\`, or import a complete .gguf file with \`npm run models -- import <file.gguf>\`.`,
      { cause: options?.cause },
    );
    this.modelPath = modelPath;
    this.reason = reason;
  }
}

/** A valid GGUF that llama.cpp still refused to load (unsupported architecture, out of memory…). */
export class ModelLoadError extends StewardError {
  constructor(modelPath: string, reason: string, options?: { cause?: unknown }) {
    super(
      'provider_failed',
      `The model ${path.basename(modelPath)} could not be loaded: ${reason}. Try a smaller model (see \`npm run models -- list\` for what fits this machine) or a smaller context size in Settings.`,
      { cause: options?.cause, detail: options?.cause instanceof Error ? options.cause.message : undefined },
    );
  }
}

/** The model's answer still broke the schema after the one repair attempt. */
export class InvalidModelOutputError extends StewardError {
  readonly schemaName: string;
  /** The last raw answer, for logs only (it may quote user data, so it never goes in userMessage). */
  readonly rawOutput: string;

  constructor(schemaName: string, issues: readonly FieldIssue[], rawOutput: string) {
    const summary = issues
      .slice(0, 5)
      .map((i) => `${i.path || '(root)'}: ${i.message}`)
      .join('; ');
    super('provider_failed', `The model's answer did not match the expected ${schemaName} format, even after one repair attempt (${summary}). Try again, or use a larger model.`, {
      issues,
    });
    this.schemaName = schemaName;
    this.rawOutput = rawOutput;
  }
}

/** A provider did not answer within the allowed time. */
export class ProviderTimeoutError extends StewardError {
  readonly provider: string;
  readonly timeoutMs: number;

  constructor(provider: string, timeoutMs: number, options?: { cause?: unknown }) {
    super('timeout', `The ${provider} model did not answer within ${Math.round(timeoutMs / 1000)} seconds. Try again${provider === 'local' ? ', or choose a smaller model on the Models screen' : ', or raise the timeout in Integrations › Cloud model'}.`, {
      cause: options?.cause,
    });
    this.provider = provider;
    this.timeoutMs = timeoutMs;
  }
}

/** A provider call failed for a reason other than time (network, server error, refused request). */
export class ProviderFailedError extends StewardError {
  readonly provider: string;
  /** True when the same call may succeed later (rate limit, 5xx, connection reset). */
  readonly retryable: boolean;

  constructor(provider: string, reason: string, options?: { cause?: unknown; retryable?: boolean; status?: number }) {
    super('provider_failed', `The ${provider} model failed: ${reason}.`, {
      cause: options?.cause,
      detail: options?.status !== undefined ? `status ${options.status}` : undefined,
    });
    this.provider = provider;
    this.retryable = options?.retryable ?? false;
  }
}

/** The cloud key is missing or was refused. */
export class ProviderAuthError extends StewardError {
  readonly provider: string;

  /** `place`: where this provider's key is saved (a provider under Models › Cloud providers); default Integrations › Cloud model. */
  constructor(provider: string, reason: 'missing' | 'rejected', options?: { cause?: unknown; place?: string | undefined }) {
    const place = options?.place ?? 'Integrations › Cloud model';
    super(
      'unauthorized',
      reason === 'missing' ? `No API key is saved for ${provider}. Add one in ${place}.` : `${provider} rejected the saved API key. Check or replace it in ${place}.`,
      { cause: options?.cause },
    );
    this.provider = provider;
  }
}

/** The caller aborted a call that has no partial result to return (embeddings, queued requests of chatJson). */
export class ProviderCancelledError extends StewardError {
  constructor(what = 'The model request') {
    super('cancelled', `${what} was cancelled.`);
  }
}
