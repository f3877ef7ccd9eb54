/**
 * Ports: what the core needs from its host. Injected by createCore so the same core runs in
 * Electron, in plain Node (server, CLI) and in tests.
 */
import type { KeychainStatus } from '../../src-preload/contract.js';
import type { DemoLauncher } from './demo/demo-launcher.js';
import type { InferenceLauncher } from './llm/worker/inference-launcher.js';
import type { LogSink } from './logging/logger.js';

export type KeychainBackend = KeychainStatus['backend'];

/** OS keychain access. Secrets never leave it in clear except into the one call that needs them. */
export interface SecretStore {
  readonly backend: KeychainBackend;
  /** Probes the keychain; never throws. */
  status(): Promise<KeychainStatus>;
  /** Returns null when the account has no secret. Throws KeychainUnavailableError when the keychain cannot be reached. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export interface NotificationAction {
  id: string;
  label: string;
}

export interface NotificationRequest {
  title: string;
  body: string;
  level: 'info' | 'success' | 'warning' | 'error';
  /** Buttons where the OS supports them; otherwise a click opens the app. */
  actions?: NotificationAction[];
  onAction?: (actionId: string) => void;
  onClick?: () => void;
}

export interface Notifier {
  notify(request: NotificationRequest): void;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A notifier that does nothing: the server and CLI forward notifications as events instead. */
export const silentNotifier: Notifier = { notify: () => undefined };

/** What the desktop app's host does with files that only it can: its native open dialog and the OS file manager. */
export interface HostFiles {
  /** The OS open dialog; resolves to the chosen absolute path, or null when cancelled. */
  pick(request: { pick: 'file' | 'folder'; title?: string; extensions?: readonly string[]; startAt?: string }): Promise<string | null>;
  /** Shows the file in the OS file manager (Finder, Explorer, Files), selected. */
  reveal(absolutePath: string): void;
  /** Opens the file with the system's app for its kind (a PDF reader, Word); resolves to '' or the system's reason it could not. */
  open(absolutePath: string): Promise<string>;
}

export interface Ports {
  secrets: SecretStore;
  notifier?: Notifier;
  clock?: Clock;
  /** Where log lines go; default: the rotating file <profile>/logs/steward.log. */
  logSink?: LogSink;
  /** Starts the inference worker process: an Electron utilityProcess in the app; default child_process.fork. */
  inferenceLauncher?: InferenceLauncher;
  /** Native file dialog and "show in folder": the desktop app only; absent, the UI browses with files.browse. */
  hostFiles?: HostFiles;
  /** Starts "Try the demo" beside this profile: the local server only; absent, the demo is started from a terminal. */
  demoLauncher?: DemoLauncher;
}
