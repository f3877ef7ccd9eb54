/**
 * Entry of the inference worker process. The same file runs as an Electron utilityProcess (the
 * desktop app; messages through process.parentPort) and as a child_process.fork (Node hosts,
 * tests, benchmarks; messages through process.send). Built to out/main/llm-worker.js for the app.
 */
import { runInferenceWorker, type WorkerPort } from './inference-worker.js';
import type { WorkerMessage } from './worker-protocol.js';

/** Electron adds parentPort to `process` in a utility process; plain Node has no such thing. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function pickPort(): WorkerPort | null {
  const parentPort = (process as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return { send: (m: WorkerMessage) => parentPort.postMessage(m), onMessage: (h) => parentPort.on('message', (e) => h(e.data)) };
  }
  if (process.send) {
    const send = process.send.bind(process);
    return { send: (m: WorkerMessage) => void send(m), onMessage: (h) => process.on('message', h) };
  }
  return null;
}

const port = pickPort();
if (!port) {
  process.stderr.write('This is Steward\'s inference worker; Steward starts it. Run `npm start`, `npm run serve` or `npm run chat` instead.\n');
  process.exit(2);
} else {
  // The parent going away (crash, kill -9) closes the IPC channel: nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  runInferenceWorker(port);
}
