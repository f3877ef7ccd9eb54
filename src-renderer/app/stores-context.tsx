import { createContext, useContext, type ReactNode } from 'react';
import type { ChatStores } from '../state/chat-session.js';

const StoresContext = createContext<ChatStores | null>(null);

export function StoresProvider({ stores, children }: { stores: ChatStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): ChatStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores() needs a <StoresProvider> above it');
  return stores;
}
