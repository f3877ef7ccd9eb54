/**
 * The local Google for tests is the same server the HR demo ships as its calendar
 * (src-main/core/demo/google-compatible-server.ts): one implementation of Google's wire format.
 */
export * from '../../src-main/core/demo/google-compatible-server.js';
