import { getLlama, LlamaChatSession } from 'node-llama-cpp';
const N = Number(process.env.N ?? 10), TOK = Number(process.env.TOK ?? 64);
const mode = process.env.MODE ?? 'chat';
const llama = await getLlama({ gpu: false, logLevel: process.env.PERF ? 'info' : 'warn' });
const model = await llama.loadModel({ modelPath: '/tmp/steward-tiny-gguf/tiny-llama-b4fb05d5926c1457.gguf' });
const threads = Number(process.env.THREADS ?? 1);
const sched = process.env.SCHED;
let ctxRef;
const opts = { contextSize: Number(process.env.CTX ?? 1024), batchSize: process.env.BATCH ? Number(process.env.BATCH) : undefined, sequences: N, threads, performanceTracking: !!process.env.PERF, flashAttention: process.env.FA === '1' };
if (sched === 'all') {
  // dispatch when every busy sequence queued, else after a few cycles
  opts.batching = { dispatchSchedule: (dispatch) => {
    let cycles = 0;
    const tick = () => {
      const q = ctxRef._queuedDecodeSequenceIds.size;
      if (q >= globalThis.active || cycles++ > 20) dispatch(); else setImmediate(tick);
    };
    setImmediate(tick);
  } };
}
const ctx = await model.createContext(opts);
ctxRef = ctx;
const sizes = []; let decodeMs = 0;
const raw = ctx._ctx;
ctx._ctx = new Proxy(raw, { get(t, k) {
  if (k === 'initBatch') return (n) => { sizes.push(n); return t.initBatch(n); };
  if (k === 'decodeBatch') return async () => { const s = performance.now(); const r = await t.decodeBatch(); decodeMs += performance.now() - s; return r; };
  const v = t[k]; return typeof v === 'function' ? v.bind(t) : v; } });
const seqs = Array.from({ length: N }, () => ctx.getSequence());
globalThis.active = N;
async function runChat(seq, i) {
  const s = new LlamaChatSession({ contextSequence: seq, autoDisposeSequence: false });
  s.setChatHistory([{ type: 'system', text: 'You are a helpful assistant.' }]);
  const r = await s.prompt('Write a story number ' + i, { maxTokens: TOK, temperature: 0 , customStopTriggers: ['zzzzzzzzzz']});
  return seq.tokenMeter.usedOutputTokens;
}
async function runEval(seq, i) {
  const toks = model.tokenize(process.env.LONG ? ('Write a story number ' + i + ' ').repeat(70) : 'Write a story number ' + i);
  let n = 0;
  for await (const t of seq.evaluate(toks, { temperature: 0 })) { if (++n >= TOK) break; }
  return n;
}
const run = mode === 'chat' ? runChat : runEval;
// warm
await Promise.all(seqs.map((s, i) => run(s, i)));
for (const s of seqs) await s.clearHistory();
sizes.length = 0; decodeMs = 0;
const t0 = performance.now();
const before = seqs.map(s => s.tokenMeter.getState());
await Promise.all(seqs.map((s, i) => run(s, i)));
const ms = performance.now() - t0;
const gen = seqs.reduce((a, s, i) => a + s.tokenMeter.diff(before[i]).usedOutputTokens, 0);
const hist = {}; for (const s of sizes) hist[s] = (hist[s] ?? 0) + 1;
console.log("threadsNow", ctx.currentThreads, ctx.idealThreads, llama.maxThreads, "batchSize", ctx.batchSize, "fa", ctx.flashAttention); console.log(JSON.stringify({ N, mode, sched: sched ?? 'default', threads, gen, ms: Math.round(ms), tokps: +(gen / ms * 1000).toFixed(1), decodeShare: +(decodeMs / ms).toFixed(2), batches: sizes.length, meanBatch: +(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(2), hist }));
if (process.env.PERF) await ctx.printTimings();
process.exit(0);
