/**
 * Everyday business synonyms, so a keyword search without an embedding model still finds "Nadia
 * signed off on Zipline" for "who approved the agency", or "she quit" for "who resigned". A
 * question's words are expanded with their group; the expansions rank below the words the user
 * typed (see episode-search.ts). Groups are small on purpose: a wide group is a noisy one.
 */

const GROUPS: readonly string[] = [
  'approve approved approval sign off signed off green light okayed ok agreed accept accepted',
  'suggest suggested suggestion recommend recommended recommendation',
  'decide decided decision agreed settled chose choose picked went with',
  'hire hired hiring recruit recruited recruiting recruitment brought on board onboard joined new starter candidate',
  'resign resigned quit leaving left notice last day handed in',
  'fire fired let go laid off dismissed',
  'role title position job post promoted promotion taking over joined as',
  'manager boss lead head supervisor reports to',
  'vendor supplier provider agency company firm partner contractor',
  'handle handles takes care of manage manages runs responsible covers does',
  'customer customers client clients buyer buyers user users shopper',
  'complain complaint complaining complaints issue problem report reports bug',
  'price pricing cost costs fee fees rate quote charge charges',
  'budget spend spending allowance funds',
  'increase increasing raise raised rise up bump bumped hike grow higher',
  'decrease cut cuts reduce reduced lower trim trimmed drop down',
  'meeting meetings call sync standup catch-up check-in session',
  'daily every day each day standup',
  'launch launched release released ship shipped go live rollout',
  'deadline due date cutoff by when',
  'contract contracts agreement deal paperwork terms',
  'won win closed signed landed deal',
  'big size worth value much',
  'pay paying payment payments checkout paid billing invoice',
  'refund refunds reimbursement reimbursements money back',
  'payroll salaries salary wages pay paying',
  'phone phones mobile cell smartphone',
  'office premises building lease rent landlord',
  'accounts accounting accountant accountants bookkeeper bookkeeping books ledger finance auditors audit audits',
  'records books ledger files',
  'discover discovered found find spotted noticed uncovered',
  'error errors mistake mistakes issue issues wrong',
  'first quarter q1',
  'second quarter q2',
  'third quarter q3',
  'fourth quarter q4',
  'packaging boxes box mailers cartons packing',
  'shipping delivery deliveries courier couriers dispatch freight',
  'hosting servers server cloud infrastructure',
  'catering food lunch dinner menu snacks',
  'print printing printed brochures flyers business cards leaflets',
  'legal lawyer lawyers counsel attorney contracts law firm',
  'marketing ads advertising campaign promotion',
  'sales revenue deals pipeline',
  'employee employees staff team people colleagues',
  'rule policy requirement must signed by',
  'large big above over high',
  'async asynchronous written updates thread',
  'name named call called title brand',
  'allergy allergic',
  'insurance policy cover coverage',
  'warehouse depot storage stockroom',
  'keys key spare',
  'language speaks fluent',
  'channel slack chat',
  'booth stand stall',
  'direct line phone number',
  'presentation deck slides pitch deck',
  'report reports summary write-up',
  'holiday vacation leave time off out of office',
  'sick ill unwell',
  'move moved moving relocate relocated',
  'start starts starting begin begins beginning kick off',
  'end ends ending finish finishes wrap up',
  'cancel cancelled canceled scrap scrapped drop dropped',
  'delay delayed postpone postponed push back pushed',
  'email emails mail message',
  'address location based located',
  'salary compensation pay package',
  'investor investors funding round raise',
];

/** A crude stem so "approves", "approving" and "approved" meet the same group. */
export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 4) return w;
  return w.replace(/(?:ing|ed|es|s|er|ers|ment|ments|ion|ions|al)$/, '') || w;
}

const BY_STEM: Map<string, Set<string>> = (() => {
  const map = new Map<string, Set<string>>();
  for (const group of GROUPS) {
    // Multi-word entries are written with their words joined by a single space inside the group.
    const entries = splitGroup(group);
    for (const entry of entries) {
      if (entry.includes(' ')) continue;
      const key = stem(entry);
      const set = map.get(key) ?? new Set<string>();
      for (const other of entries) if (other !== entry) set.add(other);
      map.set(key, set);
    }
  }
  return map;
})();

/** Entries of a group: known phrases stay together ("sign off", "takes care of"), the rest are single words. */
function splitGroup(group: string): string[] {
  const phrases = ['sign off', 'signed off', 'green light', 'went with', 'brought on board', 'new starter', 'last day', 'handed in', 'let go', 'laid off', 'taking over', 'joined as', 'reports to', 'takes care of', 'go live', 'due date', 'by when', 'money back', 'first quarter', 'second quarter', 'third quarter', 'fourth quarter', 'business cards', 'law firm', 'signed by', 'direct line', 'phone number', 'pitch deck', 'time off', 'out of office', 'kick off', 'wrap up', 'push back', 'each day', 'every day', 'check-in', 'catch-up'];
  let rest = ` ${group} `;
  const out: string[] = [];
  for (const p of phrases) {
    if (rest.includes(` ${p} `)) {
      out.push(p);
      rest = rest.replace(` ${p} `, ' ');
    }
  }
  return [...out, ...rest.trim().split(/\s+/).filter(Boolean)];
}

/** Related words and phrases for a query word (never the word itself); empty when none are known. */
export function synonymsOf(word: string): string[] {
  return [...(BY_STEM.get(stem(word)) ?? [])].filter((s) => stem(s) !== stem(word));
}
