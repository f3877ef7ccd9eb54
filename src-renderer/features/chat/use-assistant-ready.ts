import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { modelSetup } from '../../state/llm-status-store.js';

/**
 * Whether a model can answer: llm.status knows best and follows the model layer as it changes (a
 * model imported, a cloud provider connected); app.info, read once at start-up, is the fallback
 * until it has loaded or where it is unavailable. Unknown counts as ready (no false alarm).
 */
export function useAssistantReady(): boolean {
  const { app, llm } = useStores();
  const setup = useStore(llm, (s) => modelSetup(s.status));
  const infoConfigured = useStore(app, (s) => s.info?.assistant.configured ?? true);
  return setup === 'unknown' ? infoConfigured : setup === 'ready';
}
