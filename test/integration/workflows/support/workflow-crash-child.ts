/**
 * Child process for the workflow crash test: opens a real core on the given data directory,
 * starts three runs — one waiting for the Director's approval, one whose tool call waits on its
 * approval card (its id is written to approval-before.txt), one inside a tool that reaches the
 * outside world — and writes the marker file from inside that tool. The parent then sends SIGKILL:
 * no shutdown code runs.
 *
 * Env: STEWARD_TEST_DATA_DIR, STEWARD_TEST_DB_KEY (hex), STEWARD_TEST_MARKER.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createMemorySecretStore } from '../../../../src-main/core/security/memory-secret-store.js';
import { PURCHASE_YAML } from './workflow-tools.js';
import { openWorkflowWorld } from './workflow-world.js';

const dataDir = process.env.STEWARD_TEST_DATA_DIR!;
const marker = process.env.STEWARD_TEST_MARKER!;

async function main(): Promise<void> {
  const world = await openWorkflowWorld({ dataDir, secrets: createMemorySecretStore({ 'db-key:default': process.env.STEWARD_TEST_DB_KEY! }), marker });
  const people = world.core.people;
  const owner = people.owner();
  people.add(owner, { name: 'Priya Shah', email: 'priya@acme.test', role: 'director', departments: [] });
  people.add(owner, { name: 'Ana Costa', email: 'ana@acme.test', role: 'director', departments: ['finance'] });
  const { catalog, engine } = world.workflows;
  // Two runs at once: one waits for the Director's approval, the other is inside an outside call.
  catalog.add(PURCHASE_YAML, 'purchase.yaml');
  const purchase = engine.start({ definition: catalog.get('purchase'), inputs: { item: 'laptop', amount: 900 }, startedBy: owner, via: 'ui' });
  await engine.idle();
  if (engine.view(purchase.id).run.status !== 'waiting') throw new Error('the purchase run is not waiting for its approval');
  // A third waits on an approval card for its own tool call (partner.notify asks first).
  catalog.add(`id: tell\nversion: 1\ntitle: Tell the partner\nsteps:\n  - id: tell\n    title: Tell the partner\n    tool: partner.notify\n    args: { to: acme, text: hello }\n`, 'tell.yaml');
  engine.start({ definition: catalog.get('tell'), inputs: {}, startedBy: owner, via: 'ui' });
  let pending = await world.core.request('approvals.list', { status: 'pending' });
  while (pending.length === 0) {
    await new Promise((r) => setTimeout(r, 20));
    pending = await world.core.request('approvals.list', { status: 'pending' });
  }
  writeFileSync(path.join(dataDir, 'approval-before.txt'), pending[0]!.id);
  catalog.add(
    `id: post\nversion: 1\ntitle: Post\nsteps:\n  - id: first\n    tool: ledger.record\n    args: { entry: first }\n  - id: post\n    title: Post to the bank\n    tool: ledger.block\n    args: { entry: p }\n  - id: last\n    tool: ledger.record\n    args: { entry: last }\n`,
    'post.yaml',
  );
  // ledger.block writes the marker once it is running: the parent kills then.
  engine.start({ definition: catalog.get('post'), inputs: {}, startedBy: owner, via: 'ui' });
  // Stay alive until killed: the parent decides when this process dies.
  setInterval(() => undefined, 1000);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
