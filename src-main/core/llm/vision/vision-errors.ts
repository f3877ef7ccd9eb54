/**
 * Refusals of images sent to a model that cannot see them: which model, why, and what to choose
 * instead — pointing where that choice can be made now. The model switcher sits in the header of
 * a conversation that exists; a message that starts a conversation, or one in a conversation left
 * to Steward's pick, goes to the cloud model in use, chosen under Models › Cloud providers.
 */
import { StewardError } from '../../errors.js';
import { EXAMPLE_VISION_MODEL } from './vision-models.js';

const IN_SWITCHER = `choose a model that reads images, such as ${EXAMPLE_VISION_MODEL}, in the model switcher at the top of the chat (connect one under Models › Cloud providers if none is listed)`;
const AS_CLOUD_MODEL = `use one that does, such as ${EXAMPLE_VISION_MODEL}, as the cloud model under Models › Cloud providers`;

/** The local engine reads text only (node-llama-cpp here has no image input); the conversation chose it. */
export class LocalModelReadsTextOnlyError extends StewardError {
  constructor(model: string | null, imageNames: readonly string[]) {
    super('invalid_input', `The local model${model ? ` (${model})` : ''} reads text only, so it cannot look at ${namesOf(imageNames)}. To ask about an image, ${IN_SWITCHER}.`);
  }
}

/**
 * The cloud model is not known to read images and the user has not marked it as one that does.
 * `chosenForConversation`: the conversation picked it in the switcher (else it is the cloud model in use).
 */
export class CloudModelReadsTextOnlyError extends StewardError {
  constructor(model: string, imageNames: readonly string[], chosenForConversation = false) {
    super(
      'invalid_input',
      `The cloud model ${model} is not known to read images, so it cannot look at ${namesOf(imageNames)}. If it does read images, mark it so under Models › Image input; otherwise ${chosenForConversation ? IN_SWITCHER : AS_CLOUD_MODEL}.`,
    );
  }
}

/** No model at all could take the image (no cloud model connected). */
export class NoModelReadsImagesError extends StewardError {
  constructor(imageNames: readonly string[]) {
    super('invalid_input', `No model that reads images is set up, so Steward cannot look at ${namesOf(imageNames)}: the local model reads text only. Connect one that does, such as ${EXAMPLE_VISION_MODEL}, under Models › Cloud providers and use it as the cloud model.`);
  }
}

function namesOf(names: readonly string[]): string {
  if (names.length === 0) return 'the image';
  return names.map((n) => `“${n}”`).join(', ');
}
