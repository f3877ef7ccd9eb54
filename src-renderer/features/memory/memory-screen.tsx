import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { DashboardPage, Notice } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { ConfirmDialog } from '../../ui/form-controls.js';
import { FactHistoryDialog } from './fact-history-dialog.js';
import { FactsSection } from './facts-section.js';
import { ImportReport, MemoryActions } from './memory-actions.js';
import { MemoryAnalyticsCard, MemoryQuestionsCard, MemorySettingsCard } from './memory-side-cards.js';
import './memory.css';

/** Memory: what Steward knows about the business, and the controls over it. */
export function MemoryScreen() {
  const memory = useDashboards().memory;
  const notice = useStore(memory, (s) => s.notice);
  const [confirmClear, setConfirmClear] = useState(false);
  const [pendingDelete, setPendingDelete] = useState<{ id: string; label: string } | null>(null);

  useEffect(() => {
    void memory.getState().load();
  }, [memory]);

  return (
    <DashboardPage
      title="Memory"
      description="What Steward has learned about your business. Edit or remove anything; nothing leaves this computer."
      actions={<MemoryActions onClear={() => setConfirmClear(true)} />}
    >
      <Notice floating text={notice} />
      <ImportReport />
      <div className="dash-columns">
        <div className="dash-col-main">
          <FactsSection onDelete={setPendingDelete} />
        </div>
        <div className="dash-col-side">
          <MemoryQuestionsCard />
          <MemoryAnalyticsCard />
          <MemorySettingsCard />
        </div>
      </div>
      <FactHistoryDialog />
      <ConfirmDialog
        open={pendingDelete !== null}
        title="Delete this fact?"
        body={<p>{pendingDelete?.label}</p>}
        confirmLabel="Delete"
        danger
        onCancel={() => setPendingDelete(null)}
        onConfirm={() => {
          if (pendingDelete) void memory.getState().remove([pendingDelete.id]);
          setPendingDelete(null);
        }}
      />
      <ConfirmDialog
        open={confirmClear}
        title="Clear all memory?"
        body={<p>This deletes every fact, person, company and remembered conversation turn for good. Export first if you may want them back.</p>}
        confirmLabel="Clear everything"
        danger
        onCancel={() => setConfirmClear(false)}
        onConfirm={() => {
          setConfirmClear(false);
          void memory.getState().clearAll();
        }}
      />
    </DashboardPage>
  );
}
