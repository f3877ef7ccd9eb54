/**
 * Which models read images. An OpenAI-compatible server's /v1/models does not say, so Steward
 * judges a model by its name against the families known to take image input, and the user's own
 * marking (settings.llm.visionModels, set on the Models screen under "Image input") wins over that.
 * The local engine (node-llama-cpp 3.x as wired here) has no image input at all: a local model
 * never reads images, whatever its name.
 */

/** Model-name families that take OpenAI-style image_url input (checked case-insensitively). */
export const KNOWN_VISION_MODEL_PATTERNS: readonly RegExp[] = [
  /gpt-4o/,
  /gpt-4\.1/,
  /gpt-4-turbo/,
  /gpt-4-vision/,
  /gpt-5/,
  /(^|\/)o[134](-|$)/,
  /claude-3/,
  /claude-(sonnet|opus|haiku)-4/,
  /gemini/,
  /pixtral/,
  /llava/,
  /bakllava/,
  /qwen2(\.5)?-vl/,
  /qwen-vl/,
  /llama-?3\.2-.*vision/,
  /llama-?4/,
  /gemma-?3/,
  /minicpm-v/,
  /moondream/,
  /internvl/,
  /vision/,
];

/** A suggestion named in refusals: a widely available model that reads images. */
export const EXAMPLE_VISION_MODEL = 'gpt-4o';

/** The user's marking by model name; null (or absent) = judge by the name. */
export type VisionMarking = Readonly<Record<string, boolean | null>>;

/** True when the name matches a family known to read images. */
export function knownToReadImages(model: string): boolean {
  const name = model.toLowerCase();
  return KNOWN_VISION_MODEL_PATTERNS.some((pattern) => pattern.test(name));
}

/** Whether a cloud model reads images: the user's marking when there is one, else the known-names list. */
export function cloudModelReadsImages(model: string, marking: VisionMarking): boolean {
  const own = marking[model];
  return own ?? knownToReadImages(model);
}

/** Where the answer came from, for the Models screen ("by its name" or "you marked it"). */
export function visionSource(model: string, marking: VisionMarking): 'marked' | 'name' {
  return marking[model] === undefined || marking[model] === null ? 'name' : 'marked';
}
