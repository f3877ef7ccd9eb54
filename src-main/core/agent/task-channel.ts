import type { ReplyChannel } from './conversation-handler.js';

/**
 * Where a task writes. While the user's turn is watching (a quick action, the plan being posted)
 * it writes through the turn's channel, so hosts that wait for a turn's reply (POST /api/chat,
 * the terminal) get it; once the turn lets go, it writes through a background channel.
 */
export class TaskChannel implements ReplyChannel {
  private target: ReplyChannel;

  constructor(
    private readonly background: ReplyChannel,
    turn: ReplyChannel | null,
  ) {
    this.target = turn ?? background;
  }

  get conversationId(): string {
    return this.background.conversationId;
  }

  attach(turn: ReplyChannel): void {
    this.target = turn;
  }

  detach(): void {
    this.target = this.background;
  }

  say: ReplyChannel['say'] = (text, options) => this.target.say(text, options);
  stream: ReplyChannel['stream'] = (options) => this.target.stream(options);
  status: ReplyChannel['status'] = (role, text, taskId) => this.target.status(role, text, taskId);
}
