// The attendees of every conversation, with what the hot paths look up: an attendee by actor or by id, and the
// conversation's last common read marker. A message to a conversation with 1,000 waiting pollers wakes 1,000
// requests, each of which checks its membership and sends `X-Chat-Last-Common-Read`: with a scan of the attendee
// list for each, that fan-out was quadratic. Every change of a list, a read marker or a read privacy goes
// through this table, so that what it answers is always what a scan would answer.
import type { AttendeeRecord } from './records.js';

/** The read marker fields only this table writes (read-only everywhere else). */
type ReadMarkerFields = { lastReadMessage: number; readPrivacy: number };

/** The smallest read marker of the counted attendees and how many of them are at it (none: Infinity, 0). */
interface CommonRead {
  min: number;
  atMin: number;
}

class ConversationAttendees {
  readonly list: AttendeeRecord[] = [];
  readonly byActor = new Map<string, AttendeeRecord>();
  readonly byId = new Map<number, AttendeeRecord>();
  common: CommonRead | null = null;
}

const actorKey = (actorType: string, actorId: string): string => `${actorType}\u0000${actorId}`;

/** Indexes an attendee of the list (the first one with an actor or an id wins, as a scan would find it). */
function index(c: ConversationAttendees, a: AttendeeRecord): void {
  const key = actorKey(a.actorType, a.actorId);
  if (!c.byActor.has(key)) c.byActor.set(key, a);
  if (!c.byId.has(a.id)) c.byId.set(a.id, a);
}

/** Whether an attendee's read marker counts for the last common read: users with public read privacy. */
const countsForCommonRead = (a: AttendeeRecord): boolean => a.actorType === 'users' && a.readPrivacy === 0;

function countCommonRead(list: readonly AttendeeRecord[]): CommonRead {
  let min = Number.POSITIVE_INFINITY;
  let atMin = 0;
  for (const a of list) {
    if (!countsForCommonRead(a)) continue;
    if (a.lastReadMessage < min) {
      min = a.lastReadMessage;
      atMin = 1;
    } else if (a.lastReadMessage === min) atMin++;
  }
  return { min, atMin };
}

/**
 * The attendee lists of all conversations with their indexes. Lists are read-only outside: add, remove and
 * move read markers through the table.
 *
 * @example
 * const table = new AttendeeTable();
 * table.create('abc123xy');
 * table.add(attendee); // attendee.token === 'abc123xy'
 * table.byActor('abc123xy', 'users', 'alice'); // the attendee, O(1)
 * table.lastCommonRead('abc123xy'); // the smallest read marker of the users with public read privacy
 */
export class AttendeeTable {
  private readonly byToken = new Map<string, ConversationAttendees>();

  /** The attendees of a conversation, in the order they joined; undefined for an unknown token. */
  get(token: string): readonly AttendeeRecord[] | undefined {
    return this.byToken.get(token)?.list;
  }

  /** Every conversation's attendee list. */
  *values(): IterableIterator<readonly AttendeeRecord[]> {
    for (const c of this.byToken.values()) yield c.list;
  }

  /** Starts the (empty) attendee list of a new conversation; an existing list is kept. */
  create(token: string): void {
    if (!this.byToken.has(token)) this.byToken.set(token, new ConversationAttendees());
  }

  /** Forgets a deleted conversation's attendees. */
  delete(token: string): void {
    this.byToken.delete(token);
  }

  /** Adds an attendee to its conversation's list (ignored when the conversation has none). */
  add(attendee: AttendeeRecord): void {
    const c = this.byToken.get(attendee.token);
    if (!c) return;
    c.list.push(attendee);
    index(c, attendee);
    c.common = null;
  }

  /** Removes an attendee from its conversation's list. */
  remove(attendee: AttendeeRecord): void {
    this.removeWhere(attendee.token, (a) => a === attendee);
  }

  /** Removes every attendee of the conversation the predicate holds for. */
  removeWhere(token: string, predicate: (attendee: AttendeeRecord) => boolean): void {
    const c = this.byToken.get(token);
    if (!c) return;
    const kept = c.list.filter((a) => !predicate(a));
    if (kept.length === c.list.length) return;
    c.list.splice(0, c.list.length, ...kept);
    c.byActor.clear();
    c.byId.clear();
    for (const a of kept) index(c, a);
    c.common = null;
  }

  /** The (first) attendee of the conversation with this actor. */
  byActor(token: string, actorType: string, actorId: string): AttendeeRecord | undefined {
    return this.byToken.get(token)?.byActor.get(actorKey(actorType, actorId));
  }

  /** The attendee of the conversation with this attendee id (not one of another conversation). */
  byId(token: string, attendeeId: number): AttendeeRecord | undefined {
    return this.byToken.get(token)?.byId.get(attendeeId);
  }

  /**
   * The id of the last message read by every user with public read privacy (`X-Chat-Last-Common-Read`), 0 when
   * there is none. Kept as markers move: O(1) unless the last attendee at the minimum moved on.
   */
  lastCommonRead(token: string): number {
    const c = this.byToken.get(token);
    if (!c) return 0;
    c.common ??= countCommonRead(c.list);
    return c.common.atMin === 0 ? 0 : c.common.min;
  }

  /** Sets an attendee's read marker (`lastReadMessage`). */
  moveReadMarker(attendee: AttendeeRecord, messageId: number): void {
    const old = attendee.lastReadMessage;
    (attendee as ReadMarkerFields).lastReadMessage = messageId;
    const c = this.byToken.get(attendee.token);
    const common = c?.common;
    if (!common || old === messageId || !countsForCommonRead(attendee) || c.byId.get(attendee.id) !== attendee) return;
    if (old === common.min) common.atMin--;
    if (messageId < common.min) {
      common.min = messageId;
      common.atMin = 1;
    } else if (messageId === common.min) common.atMin++;
    // The last one at the minimum moved up: the new minimum is counted when next asked.
    if (common.atMin === 0) c.common = null;
  }

  /** Sets an attendee's read privacy (0 public, 1 private): whether its marker counts for the common read. */
  setReadPrivacy(attendee: AttendeeRecord, readPrivacy: number): void {
    (attendee as ReadMarkerFields).readPrivacy = readPrivacy;
    const c = this.byToken.get(attendee.token);
    if (c) c.common = null;
  }
}
