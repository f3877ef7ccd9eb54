/**
 * Test-only chat wrapper: ChatML, but when functions are offered the answer starts in
 * node-llama-cpp's function-calling mode (its `noPrefixTrigger: functionCall`), the way
 * "tool_choice: required" works. A random-weight model never writes "||call:" on its own; with
 * this it still goes through the real path — function-name grammar, parameter grammar from the
 * tool's JSON Schema, parsing, and LlamaChat stopping with the calls unexecuted.
 */
import { ChatMLChatWrapper, LlamaText, type ChatWrapperGenerateContextStateOptions, type ChatWrapperGeneratedContextState } from 'node-llama-cpp';

export class ToolCallFirstChatWrapper extends ChatMLChatWrapper {
  override generateContextState(options: ChatWrapperGenerateContextStateOptions): ChatWrapperGeneratedContextState {
    const state = super.generateContextState(options);
    if (!options.availableFunctions || Object.keys(options.availableFunctions).length === 0) return state;
    return { ...state, noPrefixTrigger: { type: 'functionCall', inject: LlamaText(this.settings.functions.call.prefix) } } as ChatWrapperGeneratedContextState;
  }
}
