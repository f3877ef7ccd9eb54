import { useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { ChatScreen } from '../features/chat/chat-screen.js';
import { BridgeMissingScreen } from '../features/connect/bridge-missing-screen.js';
import { TokenScreen } from '../features/connect/token-screen.js';
import { QuickCommandView } from '../features/quick-command/quick-command-view.js';
import { AppFrame } from './app-frame.js';
import type { BootStore } from '../state/boot-store.js';
import { DashboardsProvider } from './dashboards-context.js';
import { StoresProvider } from './stores-context.js';
import { useRoute } from './use-route.js';
import { useTheme } from './use-theme.js';

export function App({ boot }: { boot: BootStore }) {
  const state = useStore(boot, (s) => s.boot);
  const route = useRoute();

  useEffect(() => {
    document.documentElement.dataset.view = route.kind;
  }, [route.kind]);

  if (state.kind === 'no-bridge') return <BridgeMissingScreen />;
  if (state.kind === 'needs-token') return <TokenScreen reason={state.reason} onSubmit={(input) => boot.getState().submitToken(input)} />;
  return (
    <StoresProvider stores={state.session.stores}>
      <DashboardsProvider api={state.session.api}>
        <Themed>{route.kind === 'quick' ? <QuickCommandView /> : <AppFrame route={route}>{route.kind === 'chat' ? <ChatScreen /> : null}</AppFrame>}</Themed>
      </DashboardsProvider>
    </StoresProvider>
  );
}

function Themed({ children }: { children: ReactNode }) {
  useTheme();
  return children;
}
