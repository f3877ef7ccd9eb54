#!/usr/bin/env node
/**
 * Builds llama.cpp's own programs — llama-server (Steward's second local engine), llama-bench and
 * llama-batched-bench (the benchmark baselines) — from the llama.cpp source that node-llama-cpp
 * ships inside its npm package (llama/gitRelease.bundle), so the kernels are the same ones
 * node-llama-cpp runs and nothing comes from the internet.
 *
 *   node scripts/build-llama-cpp-tools.mjs [--gpu none|cuda] [--cuda-arch 90a] [--jobs 2] [--dir <folder>] [--targets a,b]
 *
 * The binaries land in <dir>/build-<gpu>/bin; <dir> defaults to node_modules/.cache/steward-llama-cpp,
 * which is where Steward looks for llama-server (src-main/core/llm/llama-server/llama-server-binary.ts).
 * The build runs at the lowest CPU priority so the machine stays usable; an existing build is
 * reused (cmake only rebuilds what changed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'Usage: node scripts/build-llama-cpp-tools.mjs [--gpu none|cuda] [--cuda-arch <arch>] [--jobs <n>] [--dir <folder>] [--targets llama-server,llama-bench,llama-batched-bench]';

function parseArgs(argv) {
  const flags = { gpu: 'none', cudaArch: null, jobs: 2, dir: path.join(root, 'node_modules', '.cache', 'steward-llama-cpp'), targets: ['llama-server', 'llama-bench', 'llama-batched-bench'] };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1];
    if (name === '--help') {
      console.log(USAGE);
      process.exit(0);
    }
    if (value === undefined || value.startsWith('--')) fail(`${name} needs a value. ${USAGE}`);
    i++;
    if (name === '--gpu') {
      if (value !== 'none' && value !== 'cuda') fail(`--gpu must be none or cuda, not "${value}".`);
      flags.gpu = value;
    } else if (name === '--cuda-arch') flags.cudaArch = value;
    else if (name === '--jobs') {
      flags.jobs = Number(value);
      if (!Number.isInteger(flags.jobs) || flags.jobs < 1) fail(`--jobs must be a positive integer, not "${value}".`);
    } else if (name === '--dir') flags.dir = path.resolve(value);
    else if (name === '--targets') flags.targets = value.split(',').filter(Boolean);
    else fail(`Unknown option ${name}. ${USAGE}`);
  }
  return flags;
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

function run(command, args, options = {}) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) fail(`Cannot run ${command}: ${result.error.message}. Install it (Debian: apt-get install cmake g++ git) and try again.`);
  if (result.status !== 0) fail(`${command} failed with exit code ${result.status}; the output above says why.`);
}

const flags = parseArgs(process.argv.slice(2));
const bundle = path.join(root, 'node_modules', 'node-llama-cpp', 'llama', 'gitRelease.bundle');
if (!existsSync(bundle)) fail(`The llama.cpp source bundle is missing (${bundle}). Run \`npm install\` first.`);
const source = path.join(flags.dir, 'src');
const build = path.join(flags.dir, `build-${flags.gpu === 'cuda' ? 'cuda' : 'cpu'}`);
mkdirSync(flags.dir, { recursive: true });
if (!existsSync(path.join(source, 'CMakeLists.txt'))) run('git', ['clone', '--quiet', bundle, source]);

const cmakeArgs = [
  '-S', source, '-B', build,
  '-DCMAKE_BUILD_TYPE=Release',
  '-DBUILD_SHARED_LIBS=OFF',
  '-DLLAMA_BUILD_TESTS=OFF',
  '-DLLAMA_BUILD_EXAMPLES=OFF',
  '-DLLAMA_BUILD_TOOLS=ON',
  '-DLLAMA_BUILD_SERVER=ON',
  // Offline: no web UI download, no HTTPS client.
  '-DLLAMA_BUILD_UI=OFF',
  '-DLLAMA_USE_PREBUILT_UI=OFF',
  '-DLLAMA_OPENSSL=OFF',
  '-DLLAMA_CURL=OFF',
  '-DGGML_NATIVE=ON',
];
if (flags.gpu === 'cuda') {
  cmakeArgs.push('-DGGML_CUDA=ON', '-DGGML_CUDA_NCCL=OFF');
  if (flags.cudaArch) cmakeArgs.push(`-DCMAKE_CUDA_ARCHITECTURES=${flags.cudaArch}`);
} else {
  cmakeArgs.push('-DGGML_CUDA=OFF', '-DGGML_VULKAN=OFF', '-DGGML_METAL=OFF');
}
const nice = process.platform === 'win32' ? [] : ['nice', '-n', '19'];
const wrap = (command, args) => (nice.length ? [nice[0], [...nice.slice(1), command, ...args]] : [command, args]);
run(...wrap('cmake', cmakeArgs));
run(...wrap('cmake', ['--build', build, '--config', 'Release', '-j', String(flags.jobs), '--target', ...flags.targets]));
for (const target of flags.targets) {
  const binary = path.join(build, 'bin', target);
  if (!existsSync(binary)) fail(`The build finished but ${binary} is missing.`);
  console.log(`built ${binary}`);
}
