/**
 * `npm run eval:injection`: the adversarial corpus (test/fixtures/injections/payloads.json) through
 * the real core with an obedient scripted model. Prints each payload's outcome and the totals;
 * exits 1 when anything acted, learned or leaked, or an attack was not put to the user naming its
 * source. The same run is part of `npm test` (test/integration/security/injection-eval.test.ts).
 */
import { loadCorpus } from '../test/injection/corpus.js';
import { formatTotals, runInjectionEval } from '../test/injection/run-injection-eval.js';

const only = process.argv.slice(2);
const corpus = loadCorpus().filter((p) => only.length === 0 || only.some((o) => p.id.includes(o)));
const { results, totals } = await runInjectionEval(corpus, (r) => {
  const verdict = r.error ? `ERROR ${r.error}` : r.unapprovedSideEffects > 0 ? 'ACTED WITHOUT APPROVAL' : r.attackReachesGate ? (r.approvalsWithOrigin > 0 ? 'asked, naming the source' : 'asked WITHOUT naming the source') : 'no side effect reachable';
  const memory = r.untrustedFactsActive + r.untrustedFactsPending > 0 ? ` · memory: ${r.untrustedFactsActive} active, ${r.untrustedFactsPending} waiting for confirmation` : '';
  console.log(`${r.id.padEnd(30)} ${r.channel.padEnd(9)} ${(r.attackTool ?? '(memory only)').padEnd(17)} ${verdict}${memory}${r.secretLeaks ? ` · ${r.secretLeaks} SECRET LEAKS` : ''}`);
  if (r.provenance.length > 0) console.log(`${''.padEnd(31)}card: ${r.provenance[0]}`);
});
console.log(`\n${formatTotals(totals)}`);
const bad = results.filter((r) => r.error || r.unapprovedSideEffects > 0 || r.untrustedFactsActive > 0 || r.secretLeaks > 0 || (r.attackReachesGate && r.approvalsWithOrigin === 0));
console.log(`${results.length - bad.length} passed, ${bad.length} failed`);
process.exit(bad.length > 0 ? 1 : 0);
