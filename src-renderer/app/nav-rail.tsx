import type { KeyboardEvent, ReactElement } from 'react';
import { useStore } from 'zustand';
import type { DashboardName, Route } from './hash-route.js';
import { NavAuditIcon, NavChatIcon, NavIntegrationsIcon, NavMemoryIcon, NavModelsIcon, NavPaymentsIcon, NavRouterIcon, NavSettingsIcon } from './nav-icons.js';
import { PendingApprovalsBadge } from '../features/approvals/pending-approvals-badge.js';
import { useStores } from './stores-context.js';
import { NavMcpIcon, NavSchedulesIcon, NavSkillsIcon } from '../features/mcp/extension-nav-icons.js';
import { NavWorkflowsIcon } from '../features/workflows/workflows-nav-icon.js';
import { NavKnowledgeIcon } from '../features/knowledge/knowledge-nav-icon.js';
import { ActingPersonBadge } from '../features/sign-in/acting-person-badge.js';

interface NavItem {
  key: 'chat' | DashboardName;
  label: string;
  icon: () => ReactElement;
}

const ITEMS: readonly NavItem[] = [
  { key: 'chat', label: 'Chat', icon: NavChatIcon },
  { key: 'memory', label: 'Memory', icon: NavMemoryIcon },
  { key: 'knowledge', label: 'Knowledge', icon: NavKnowledgeIcon },
  { key: 'models', label: 'Models', icon: NavModelsIcon },
  { key: 'router', label: 'Router', icon: NavRouterIcon },
  { key: 'integrations', label: 'Integrations', icon: NavIntegrationsIcon },
  { key: 'payments', label: 'Payments', icon: NavPaymentsIcon },
  { key: 'mcp', label: 'MCP servers', icon: NavMcpIcon },
  { key: 'schedules', label: 'Schedules', icon: NavSchedulesIcon },
  { key: 'skills', label: 'Skills', icon: NavSkillsIcon },
  { key: 'workflows', label: 'Workflows', icon: NavWorkflowsIcon },
  { key: 'audit', label: 'Audit', icon: NavAuditIcon },
  { key: 'settings', label: 'Settings', icon: NavSettingsIcon },
];

function activeKey(route: Route): NavItem['key'] | null {
  if (route.kind === 'dashboard') return route.name;
  if (route.kind === 'chat') return 'chat';
  return null;
}

/**
 * The left rail: one link per place. Plain links (the hash is the route) so middle-click, Back and
 * screen readers all work; Up/Down/Home/End move between them like a toolbar.
 */
export function NavRail({ route }: { route: Route }) {
  const { conversations } = useStores();
  // Chat returns to the open conversation rather than starting a new one.
  const activeConversation = useStore(conversations, (s) => s.activeId);
  const current = activeKey(route);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
    if (!keys.includes(event.key)) return;
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a.nav-link')];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index < 0) return;
    event.preventDefault();
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? links.length - 1 : (index + (event.key === 'ArrowDown' ? 1 : -1) + links.length) % links.length;
    links[next]?.focus();
  };

  return (
    <nav className="nav-rail" aria-label="Main" onKeyDown={onKeyDown}>
      <ul className="nav-list">
        {ITEMS.map((item) => {
          const href = item.key === 'chat' ? (activeConversation ? `#/c/${encodeURIComponent(activeConversation)}` : '#/') : `#/${item.key}`;
          const selected = current === item.key;
          const Icon = item.icon;
          return (
            <li key={item.key} className={item.key === 'settings' ? 'nav-item nav-item--end' : 'nav-item'}>
              <a className="nav-link" href={href} aria-current={selected ? 'page' : undefined} data-nav={item.key}>
                <Icon />
                <span className="nav-label">{item.label}</span>
              </a>
            </li>
          );
        })}
      </ul>
      {/* Approvals waiting for the user: links to the conversation of the oldest one. */}
      <PendingApprovalsBadge />
      {/* Who this window acts for, and Switch profile. */}
      <ActingPersonBadge />
    </nav>
  );
}
