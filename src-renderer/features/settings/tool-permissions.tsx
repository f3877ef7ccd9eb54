import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { PermissionModeValue, ToolInfo } from '../../../src-preload/contract.js';
import { DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';

const MODES: { mode: PermissionModeValue; label: string }[] = [
  { mode: 'always', label: 'Always allow' },
  { mode: 'ask', label: 'Ask' },
  { mode: 'never', label: 'Never' },
];

const SIDE_EFFECT_LABELS: Record<ToolInfo['sideEffect'], string> = {
  none: 'read-only',
  local: 'changes files here',
  external: 'reaches the outside world',
  financial: 'moves money',
};

/**
 * Per-tool permission. Financial tools cannot be set to "Always allow": the option is still
 * offered (disabled, with the reason) and the server refuses it regardless — its message shows on the row.
 */
export function ToolPermissions() {
  const settings = useDashboards().settings;
  const tools = useStore(settings, (s) => s.tools);
  const toolsError = useStore(settings, (s) => s.toolsError);
  const toolErrors = useStore(settings, (s) => s.toolErrors);
  useEffect(() => {
    void settings.getState().loadTools();
  }, [settings]);

  return (
    <DashSection title="Tool permissions">
      <p className="muted small">What Steward may do without asking. Tools that move money always ask.</p>
      <InlineError message={toolsError} onRetry={() => void settings.getState().loadTools()} />
      {tools.length === 0 && !toolsError && <p className="dash-empty">No tools are available in this build.</p>}
      <ul className="tool-list">
        {tools.map((tool) => (
          <li key={tool.name} className="tool" data-tool={tool.name}>
            <div className="tool-main">
              <p className="tool-name">
                <strong>{tool.title}</strong> <code className="muted small">{tool.name}</code>
                <span className={`chip chip--risk-${tool.sideEffect}`}>{SIDE_EFFECT_LABELS[tool.sideEffect]}</span>
                {!tool.configured && <span className="chip chip--warn">not set up</span>}
              </p>
              <p className="muted small">{tool.userDescription}</p>
              {tool.configurationProblem && <p className="warning-text small">{tool.configurationProblem}</p>}
              {toolErrors[tool.name] && (
                <p className="field-error-text" role="alert">
                  {toolErrors[tool.name]}
                </p>
              )}
            </div>
            <div className="segmented" role="radiogroup" aria-label={`Permission for ${tool.title}`}>
              {MODES.map(({ mode, label }) => (
                <label key={mode} className="segment" title={mode === 'always' && !tool.canAlwaysAllow ? 'Financial tools always ask' : undefined}>
                  <input
                    type="radio"
                    name={`perm-${tool.name}`}
                    value={mode}
                    checked={tool.permission === mode}
                    onChange={() => void settings.getState().setPermission(tool.name, mode)}
                  />
                  <span>{label}</span>
                </label>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </DashSection>
  );
}
