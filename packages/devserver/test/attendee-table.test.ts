// The attendee table's indexes and its kept last common read answer what a scan of the lists answers, after
// any sequence of changes (seeded random sequences), and a fan-out does not scan the list per poller.
import { describe, expect, it } from 'vitest';
import { AttendeeTable } from '../src/index.js';
import type { AttendeeRecord } from '../src/index.js';

/** Mulberry32: a small seeded generator, so that a failing sequence can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let nextId = 1;
function attendee(token: string, actorType: AttendeeRecord['actorType'], actorId: string, lastReadMessage: number, readPrivacy = 0): AttendeeRecord {
  return {
    id: nextId++,
    token,
    actorType,
    actorId,
    displayName: actorId,
    participantType: 3,
    permissions: 0,
    favorite: false,
    notificationLevel: 0,
    notificationCalls: 1,
    lastReadMessage,
    lastMentionMessage: 0,
    lastMentionDirect: 0,
    readPrivacy,
    pin: '',
  };
}

/** What the table must answer, by scanning the list (the definition). */
function scannedCommonRead(list: readonly AttendeeRecord[]): number {
  const counted = list.filter((a) => a.actorType === 'users' && a.readPrivacy === 0).map((a) => a.lastReadMessage);
  return counted.length === 0 ? 0 : Math.min(...counted);
}

const TOKENS = ['aaaa1111', 'bbbb2222'];
const TYPES: AttendeeRecord['actorType'][] = ['users', 'users', 'users', 'guests', 'emails'];

describe('AttendeeTable', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('answers what a scan answers after 400 random changes (seed %i)', (seed) => {
    const next = random(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const table = new AttendeeTable();
    for (const t of TOKENS) table.create(t);
    const all: AttendeeRecord[] = [];
    for (let step = 0; step < 400; step++) {
      const token = pick(TOKENS);
      const list = table.get(token) ?? [];
      const roll = next();
      if (roll < 0.25 || list.length === 0) {
        // Actor ids repeat on purpose: the index answers the first attendee with the actor, as a find() would.
        const a = attendee(token, pick(TYPES), `actor${Math.floor(next() * 6)}`, Math.floor(next() * 5), next() < 0.2 ? 1 : 0);
        table.add(a);
        all.push(a);
      } else if (roll < 0.35) {
        table.remove(pick(list));
      } else if (roll < 0.4) {
        const cut = Math.floor(next() * 5);
        table.removeWhere(token, (a) => a.lastReadMessage === cut);
      } else if (roll < 0.9) {
        // Markers move up, down, to the same value, and for attendees no longer in any list.
        const a = next() < 0.9 ? pick(list) : pick(all);
        table.moveReadMarker(a, Math.max(0, a.lastReadMessage + Math.floor(next() * 5) - 2));
      } else {
        const a = pick(list);
        table.setReadPrivacy(a, a.readPrivacy === 0 ? 1 : 0);
      }
      for (const t of TOKENS) {
        const current = table.get(t) ?? [];
        expect(table.lastCommonRead(t), `seed ${seed}, step ${step}, ${t}`).toBe(scannedCommonRead(current));
        for (const a of current) {
          expect(table.byId(t, a.id)).toBe(a);
          expect(table.byActor(t, a.actorType, a.actorId)).toBe(current.find((x) => x.actorType === a.actorType && x.actorId === a.actorId));
        }
      }
    }
  });

  it('an attendee of another conversation is not found by id or actor', () => {
    const table = new AttendeeTable();
    table.create('aaaa1111');
    table.create('bbbb2222');
    const a = attendee('aaaa1111', 'users', 'alice', 3);
    table.add(a);
    expect(table.byId('bbbb2222', a.id)).toBeUndefined();
    expect(table.byActor('bbbb2222', 'users', 'alice')).toBeUndefined();
    expect(table.byId('aaaa1111', a.id)).toBe(a);
    table.delete('aaaa1111');
    expect(table.byId('aaaa1111', a.id)).toBeUndefined();
    expect(table.lastCommonRead('aaaa1111')).toBe(0);
  });

  it('1,000 users reading one message one after another: the list is counted again once, not once per reader', () => {
    const table = new AttendeeTable();
    table.create('aaaa1111');
    const readers = Array.from({ length: 1000 }, (_, i) => attendee('aaaa1111', 'users', `u${i}`, 10));
    for (const a of readers) table.add(a);
    expect(table.lastCommonRead('aaaa1111')).toBe(10);
    // Count how often the table reads the read privacy of the attendees: that is what a recount does.
    let reads = 0;
    for (const a of readers) {
      let privacy = a.readPrivacy;
      Object.defineProperty(a, 'readPrivacy', {
        get: () => {
          reads++;
          return privacy;
        },
        set: (v: number) => {
          privacy = v;
        },
      });
    }
    for (const a of readers) {
      table.moveReadMarker(a, 11);
      expect(table.lastCommonRead('aaaa1111')).toBe(a === readers.at(-1) ? 11 : 10);
    }
    expect(reads).toBeLessThan(3 * readers.length);
  });
});
