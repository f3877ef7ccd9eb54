/** Refusals of images sent to a model that cannot see them: which model, why, and what to choose instead. */
import { StewardError } from '../../errors.js';
import { EXAMPLE_VISION_MODEL } from './vision-models.js';

const CHOOSE = `choose a model that reads images, such as ${EXAMPLE_VISION_MODEL} (a cloud model connected under Integrations › Cloud model), in the model switcher at the top of the chat`;

/** The local engine reads text only (node-llama-cpp here has no image input). */
export class LocalModelReadsTextOnlyError extends StewardError {
  constructor(model: string | null, imageNames: readonly string[]) {
    super('invalid_input', `The local model${model ? ` (${model})` : ''} reads text only, so it cannot look at ${namesOf(imageNames)}. To ask about an image, ${CHOOSE}.`);
  }
}

/** The cloud model is not known to read images and the user has not marked it as one that does. */
export class CloudModelReadsTextOnlyError extends StewardError {
  constructor(model: string, imageNames: readonly string[]) {
    super(
      'invalid_input',
      `The cloud model ${model} is not known to read images, so it cannot look at ${namesOf(imageNames)}. If it does read images, mark it so under Models › Image input; otherwise ${CHOOSE}.`,
    );
  }
}

/** No model at all could take the image (no cloud model connected). */
export class NoModelReadsImagesError extends StewardError {
  constructor(imageNames: readonly string[]) {
    super('invalid_input', `No model that reads images is set up, so Steward cannot look at ${namesOf(imageNames)}: the local model reads text only. Connect one that does, such as ${EXAMPLE_VISION_MODEL}, under Integrations › Cloud model, then choose it in the model switcher at the top of the chat.`);
  }
}

function namesOf(names: readonly string[]): string {
  if (names.length === 0) return 'the image';
  return names.map((n) => `“${n}”`).join(', ');
}
