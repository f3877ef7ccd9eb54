/**
 * What a GGUF file name says about the file: its quantisation ("Q4_K_M", "IQ4_XS", "BF16"), the
 * parameter count written in the repository or file name ("Qwen3-8B" → 8), and whether it is a
 * model Steward can load by itself (not a vision projector, not one part of a split model).
 */
const QUANT = /(?:^|[-_.])((?:I?Q[1-8](?:_[0-9A-Z]+)*)|BF16|F16|F32)(?=$|[-_.])/i;
const PARAMS = /(?:^|[-_./])(\d+(?:\.\d+)?)\s*([BM])(?=$|[-_./])/i;
const SPLIT = /-(\d{5})-of-(\d{5})$/;

function stem(fileName: string): string {
  return fileName.replace(/\.gguf$/i, '');
}

export function quantizationFromFileName(fileName: string): string | null {
  const match = QUANT.exec(stem(fileName).replace(SPLIT, ''));
  return match ? match[1]!.toUpperCase() : null;
}

/** Billions of parameters named in the file name, else the repository name; null when neither says. */
export function parametersFromNames(fileName: string, repo: string): number | null {
  for (const name of [stem(fileName), repo.split('/').pop() ?? '']) {
    const match = PARAMS.exec(name);
    if (match) {
      const n = Number(match[1]);
      const billions = match[2]!.toUpperCase() === 'M' ? n / 1000 : n;
      if (billions > 0 && billions < 2000) return billions;
    }
  }
  return null;
}

/** Why the file cannot be downloaded as a model on its own, or null when it can. */
export function notAModelReason(fileName: string): string | null {
  const base = stem(fileName);
  if (/(^|[-_.])mmproj([-_.]|$)/i.test(base)) return 'it is the vision projector that goes with a model, not a model';
  const split = SPLIT.exec(base);
  if (split) return `it is part ${Number(split[1])} of ${Number(split[2])} of a split model, and Steward downloads single-file models only — pick a smaller quantisation`;
  return null;
}
