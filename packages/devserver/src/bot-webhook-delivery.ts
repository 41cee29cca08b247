// Delivery of bot webhooks: the dev server POSTs each activity to the bot's URL, signed as Talk signs it
// (`X-Nextcloud-Talk-Random`, `X-Nextcloud-Talk-Signature` = HMAC-SHA256(secret, random + body),
// `X-Nextcloud-Talk-Backend`). Never in the way of the request that caused it: a bounded queue (overflow is
// dropped and reported), a few deliveries at a time and one at a time per bot (so a bot sees its activities in
// order), a timeout per delivery, no redirects, no retries. Failures are counted on the bot as Talk does
// (`error_count`, `last_error_message`) and reported, never thrown.
import type { BotActivity } from './domain/bot-activities.js';
import { botSignature, webhookRandom } from './domain/bot-signature.js';
import type { InstalledBot } from './domain/bots.js';
import { recordBotError } from './domain/bots.js';
import type { TalkStore } from './domain/store.js';

/** Talk's timeout of a webhook request (BotService: `'timeout' => 5`). */
export const DEFAULT_BOT_WEBHOOK_TIMEOUT_MS = 5_000;
/** Most webhooks waiting to be sent; more are dropped (and reported) until the queue drains. */
export const DEFAULT_BOT_WEBHOOK_QUEUE = 100;
const CONCURRENCY = 4;

/** What happened to one webhook. */
export interface BotDeliveryReport {
  botId: number;
  botName: string;
  url: string;
  /** The activity type: `Create`, `Like`, `Undo`, `Join`, `Leave`. */
  activity: string;
  outcome: 'delivered' | 'failed' | 'dropped';
  /** The bot's HTTP status, when it answered. */
  status?: number;
  /** Why it failed or was dropped. */
  error?: string;
}

/** Options of {@link BotWebhookDelivery}. */
export interface BotWebhookDeliveryOptions {
  /** The `X-Nextcloud-Talk-Backend` value: the server's base URL with a trailing slash. */
  backendUrl: string;
  timeoutMs?: number;
  maxQueue?: number;
  /** Told about every webhook (default: failures and drops logged with console.error). */
  onReport?: (report: BotDeliveryReport) => void;
}

interface Job {
  bot: InstalledBot;
  activity: BotActivity;
  body: string;
}

function logFailure(report: BotDeliveryReport): void {
  if (report.outcome === 'delivered') return;
  console.error(`talk-devserver: ${report.activity} webhook to bot ${JSON.stringify(report.botName)} (${report.url}) ${report.outcome}: ${report.error}`);
}

function failureText(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `TimeoutError: the bot did not answer within ${timeoutMs} ms`;
  if (e?.cause?.code) return `ConnectException: ${e.cause.message ?? e.cause.code}`;
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}${e?.cause?.message ? ` (${e.cause.message})` : ''}`;
}

/**
 * The webhook sender of one dev server.
 *
 * @example
 * const delivery = new BotWebhookDelivery(store, { backendUrl: `${server.url}/` });
 * setBotWebhookSink(store, (bot, activity) => delivery.enqueue(bot, activity));
 * await delivery.close();
 */
export class BotWebhookDelivery {
  private readonly queue: Job[] = [];
  private readonly busy = new Set<number>();
  private readonly closing = new AbortController();
  private readonly timeoutMs: number;
  private readonly maxQueue: number;
  private readonly report: (report: BotDeliveryReport) => void;
  private active = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly store: TalkStore,
    private readonly options: BotWebhookDeliveryOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_BOT_WEBHOOK_TIMEOUT_MS;
    this.maxQueue = options.maxQueue ?? DEFAULT_BOT_WEBHOOK_QUEUE;
    this.report = options.onReport ?? logFailure;
  }

  /** Queues `activity` for `bot` (returns at once; a full queue drops it and reports that). */
  enqueue(bot: InstalledBot, activity: BotActivity): void {
    if (this.closing.signal.aborted) return;
    if (this.queue.length >= this.maxQueue) {
      const error = `the webhook queue is full (${this.maxQueue} waiting): dropped`;
      recordBotError(this.store, bot, error);
      this.tell(bot, activity, { outcome: 'dropped', error });
      return;
    }
    this.queue.push({ bot, activity, body: JSON.stringify(activity) });
    this.pump();
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops what is queued and aborts what is in flight. */
  async close(): Promise<void> {
    this.queue.length = 0;
    this.closing.abort();
    await this.idle();
  }

  private tell(bot: InstalledBot, activity: BotActivity, outcome: Pick<BotDeliveryReport, 'outcome' | 'status' | 'error'>): void {
    try {
      this.report({ botId: bot.id, botName: bot.name, url: bot.url, activity: activity.type, ...outcome });
    } catch {
      // A reporter that throws must not stop the delivery.
    }
  }

  private pump(): void {
    while (this.active < CONCURRENCY) {
      const i = this.queue.findIndex((job) => !this.busy.has(job.bot.id));
      if (i < 0) break;
      const [job] = this.queue.splice(i, 1) as [Job];
      this.busy.add(job.bot.id);
      this.active++;
      void this.send(job).finally(() => {
        this.busy.delete(job.bot.id);
        this.active--;
        this.pump();
        if (this.active === 0 && this.queue.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }
  }

  private async send({ bot, activity, body }: Job): Promise<void> {
    const random = webhookRandom();
    try {
      const response = await fetch(bot.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Nextcloud-Talk-Random': random,
          'X-Nextcloud-Talk-Signature': botSignature(bot.secret, random, body),
          'X-Nextcloud-Talk-Backend': this.options.backendUrl,
          'OCS-APIRequest': 'true',
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      await response.body?.cancel().catch(() => undefined);
      // Talk counts everything but 200 and 202 as an error of the bot.
      if (response.status === 200 || response.status === 202) {
        this.tell(bot, activity, { outcome: 'delivered', status: response.status });
        return;
      }
      const error = `UnexpectedStatusCode: ${response.status}`;
      recordBotError(this.store, bot, error);
      this.tell(bot, activity, { outcome: 'failed', status: response.status, error });
    } catch (caught) {
      if (this.closing.signal.aborted) return;
      const error = failureText(caught, this.timeoutMs);
      recordBotError(this.store, bot, error);
      this.tell(bot, activity, { outcome: 'failed', error });
    }
  }
}
