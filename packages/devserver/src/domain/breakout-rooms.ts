// Breakout rooms (`/breakout-rooms/{token}`, API v1): a moderator configures `amount` rooms below a group or
// public conversation (objectType `room`, objectId = parent token), starts/stops them (their lobby opens and
// closes), broadcasts to them and moves attendees; in mode "free" participants switch themselves.
import { CHAT_MAX_LENGTH, ConversationType, LobbyState, ParticipantType, isModeratorType } from './constants.js';
import { appendMessage, appendSystemMessage } from './chat-log.js';
import { addUserAttendee, deleteConversationRecord, newConversation } from './conversation.js';
import { parseJsonParameter } from './input-limits.js';
import type { Participant } from './participant.js';
import { chatIdentity, requireMember, requireModerator } from './participant.js';
import type { Actor, ConversationRecord } from './records.js';
import type { TalkStore } from './store.js';
import { TalkError } from './talk-error.js';

/** `BreakoutRoomMode` and `BreakoutRoomStatus` values. */
export const BreakoutRoomMode = { NOT_CONFIGURED: 0, AUTOMATIC: 1, MANUAL: 2, FREE: 3 } as const;
export const BreakoutRoomStatus = { STOPPED: 0, STARTED: 1 } as const;

/** The `objectType` of a breakout room. */
export const BREAKOUT_OBJECT_TYPE = 'room';

/** The breakout room configuration of a parent conversation (`store.breakoutRooms`). */
export interface BreakoutState {
  mode: number;
  status: number;
  /** Breakout room tokens whose participants asked for assistance. */
  assistance: Set<string>;
}

const statesOf = (store: TalkStore): Map<string, BreakoutState> => store.breakoutRooms;

function stateOf(store: TalkStore, parentToken: string): BreakoutState {
  const map = statesOf(store);
  let state = map.get(parentToken);
  if (!state) {
    state = { mode: BreakoutRoomMode.NOT_CONFIGURED, status: BreakoutRoomStatus.STOPPED, assistance: new Set() };
    map.set(parentToken, state);
  }
  return state;
}

/** The breakout rooms of a parent conversation, in creation order. */
export function breakoutRoomsOf(store: TalkStore, parentToken: string): ConversationRecord[] {
  return [...store.conversations.values()].filter((c) => c.objectType === BREAKOUT_OBJECT_TYPE && c.objectId === parentToken).sort((a, b) => a.id - b.id);
}

/**
 * The `Room` fields of breakout rooms: a parent shows its mode and status, a breakout room those of its parent.
 *
 * @example
 * breakoutRoomFields(store, conversation); // { breakoutRoomMode: 0, breakoutRoomStatus: 0 }
 */
export function breakoutRoomFields(store: TalkStore, c: ConversationRecord): { breakoutRoomMode: 0 | 1 | 2 | 3; breakoutRoomStatus: 0 | 1 } {
  const parent = c.objectType === BREAKOUT_OBJECT_TYPE ? c.objectId : c.token;
  const state = statesOf(store).get(parent);
  return { breakoutRoomMode: (state?.mode ?? 0) as 0 | 1 | 2 | 3, breakoutRoomStatus: (state?.status ?? 0) as 0 | 1 };
}

function moderatorOfParent(store: TalkStore, token: string, actor: Actor): Participant & { conversation: ConversationRecord } {
  const p = requireMember(store, token, actor);
  requireModerator(p);
  if (p.conversation.objectType === BREAKOUT_OBJECT_TYPE) throw new TalkError(400, 'room', 'A breakout room cannot have breakout rooms');
  return p;
}

function configured(store: TalkStore, token: string): BreakoutState {
  const state = stateOf(store, token);
  if (state.mode === BreakoutRoomMode.NOT_CONFIGURED) throw new TalkError(400, 'mode', 'Breakout rooms are not configured');
  return state;
}

function attendeeMapOf(raw: unknown, amount: number): Map<number, number> {
  const parsed = typeof raw === 'string' && raw !== '' ? parseJsonParameter('attendeeMap', raw) : (raw ?? {});
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new TalkError(400, 'attendeeMap', 'attendeeMap must be a JSON object of attendeeId => room number');
  const map = new Map<number, number>();
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const room = Number(value);
    if (!Number.isInteger(room) || room < 0 || room >= amount)
      throw new TalkError(400, 'attendeeMap', `attendeeMap: room number ${String(value)} of attendee ${key} is out of range`);
    map.set(Number(key), room);
  }
  return map;
}

/** Puts the parent's non-moderator users into the breakout rooms (by `map`, or round robin) and its moderators into all. */
function assign(store: TalkStore, parent: ConversationRecord, rooms: ConversationRecord[], mode: number, map: Map<number, number>): void {
  const members = store.attendeesOf(parent.token).filter((a) => a.actorType === 'users');
  for (const room of rooms) {
    store.attendees.removeWhere(room.token, (a) => !isModeratorType(a.participantType));
  }
  let next = 0;
  for (const a of members) {
    if (isModeratorType(a.participantType)) {
      for (const room of rooms) addUserAttendee(store, room, a.actorId, ParticipantType.MODERATOR);
      continue;
    }
    const index = mode === BreakoutRoomMode.AUTOMATIC ? next++ % rooms.length : map.get(a.id);
    if (index !== undefined && mode !== BreakoutRoomMode.FREE) addUserAttendee(store, rooms[index], a.actorId, ParticipantType.USER);
  }
  store.changed();
}

/**
 * "Configure breakout rooms": creates `amount` rooms ("Room 1", ...) and assigns the participants by `mode`.
 *
 * @example
 * configureBreakoutRooms(store, token, { kind: 'user', userId: 'alice' }, { mode: 1, amount: 2 }).length; // 2
 */
export function configureBreakoutRooms(
  store: TalkStore,
  token: string,
  actor: Actor,
  input: { mode?: number; amount?: number; attendeeMap?: unknown },
): ConversationRecord[] {
  const p = moderatorOfParent(store, token, actor);
  const c = p.conversation;
  if (c.type !== ConversationType.GROUP && c.type !== ConversationType.PUBLIC)
    throw new TalkError(400, 'room', 'Breakout rooms are only possible in group and public conversations');
  const state = stateOf(store, token);
  const mode = input.mode ?? 0;
  if (state.mode !== BreakoutRoomMode.NOT_CONFIGURED || mode < 1 || mode > 3)
    throw new TalkError(400, 'mode', 'Breakout rooms are already configured, or the mode is invalid');
  const amount = input.amount ?? 0;
  if (!Number.isInteger(amount) || amount < 1 || amount > 20) throw new TalkError(400, 'amount', 'amount must be between 1 and 20');
  const map = mode === BreakoutRoomMode.MANUAL ? attendeeMapOf(input.attendeeMap, amount) : new Map<number, number>();
  const rooms: ConversationRecord[] = [];
  for (let n = 1; n <= amount; n++) {
    rooms.push(
      newConversation(store, ConversationType.GROUP, `Room ${n}`, { objectType: BREAKOUT_OBJECT_TYPE, objectId: token, lobbyState: LobbyState.NON_MODERATORS }),
    );
  }
  state.mode = mode;
  state.status = BreakoutRoomStatus.STOPPED;
  assign(store, c, rooms, mode, map);
  return [...rooms, c];
}

/**
 * "Remove breakout rooms": deletes them; the parent is no longer configured.
 *
 * @example
 * removeBreakoutRooms(store, token, { kind: 'user', userId: 'alice' }).breakoutRoomMode; // via the Room view: 0
 */
export function removeBreakoutRooms(store: TalkStore, token: string, actor: Actor): ConversationRecord {
  const p = moderatorOfParent(store, token, actor);
  for (const room of breakoutRoomsOf(store, token)) deleteConversationRecord(store, room.token);
  statesOf(store).delete(token);
  store.changed();
  return p.conversation;
}

function setStatus(store: TalkStore, token: string, actor: Actor, status: number): ConversationRecord[] {
  const p = moderatorOfParent(store, token, actor);
  const state = configured(store, token);
  state.status = status;
  if (status === BreakoutRoomStatus.STOPPED) state.assistance.clear();
  const rooms = breakoutRoomsOf(store, token);
  for (const room of rooms) room.lobbyState = status === BreakoutRoomStatus.STARTED ? LobbyState.NONE : LobbyState.NON_MODERATORS;
  const started = status === BreakoutRoomStatus.STARTED;
  appendSystemMessage(
    store,
    p.conversation,
    chatIdentity(store, p),
    started ? 'breakout_rooms_started' : 'breakout_rooms_stopped',
    started ? '{actor} started breakout rooms' : '{actor} stopped breakout rooms',
  );
  return [...rooms, p.conversation];
}

/** "Start breakout rooms" (their lobby opens, `breakout_rooms_started`). */
export function startBreakoutRooms(store: TalkStore, token: string, actor: Actor): ConversationRecord[] {
  return setStatus(store, token, actor, BreakoutRoomStatus.STARTED);
}

/** "Stop breakout rooms" (their lobby closes, `breakout_rooms_stopped`). */
export function stopBreakoutRooms(store: TalkStore, token: string, actor: Actor): ConversationRecord[] {
  return setStatus(store, token, actor, BreakoutRoomStatus.STOPPED);
}

/**
 * "Broadcast a chat message to all breakout rooms" as the moderator.
 *
 * @example
 * broadcastToBreakoutRooms(store, token, { kind: 'user', userId: 'alice' }, 'Five minutes left');
 */
export function broadcastToBreakoutRooms(store: TalkStore, token: string, actor: Actor, message: string): ConversationRecord[] {
  const p = moderatorOfParent(store, token, actor);
  configured(store, token);
  if ([...message].length > CHAT_MAX_LENGTH) throw new TalkError(413, 'message', `The message is longer than ${CHAT_MAX_LENGTH} characters`);
  if (message.trim() === '') throw new TalkError(400, 'message', 'The message is empty');
  const rooms = breakoutRoomsOf(store, token);
  for (const room of rooms) appendMessage(store, room, { author: chatIdentity(store, p), message });
  return [...rooms, p.conversation];
}

/** "Reorganize attendees" of the breakout rooms (not in mode "free"). */
export function reorganizeBreakoutRoomAttendees(store: TalkStore, token: string, actor: Actor, attendeeMap: unknown): ConversationRecord[] {
  const p = moderatorOfParent(store, token, actor);
  const state = configured(store, token);
  if (state.mode === BreakoutRoomMode.FREE) throw new TalkError(400, 'mode', 'In mode "free" participants choose their breakout room');
  const rooms = breakoutRoomsOf(store, token);
  assign(store, p.conversation, rooms, BreakoutRoomMode.MANUAL, attendeeMapOf(attendeeMap, rooms.length));
  return [...rooms, p.conversation];
}

function breakoutRoomOf(store: TalkStore, token: string, actor: Actor): Participant {
  const p = requireMember(store, token, actor);
  if (p.conversation.objectType !== BREAKOUT_OBJECT_TYPE) throw new TalkError(400, 'room', 'The conversation is not a breakout room');
  if (stateOf(store, p.conversation.objectId).status !== BreakoutRoomStatus.STARTED) throw new TalkError(400, 'status', 'The breakout rooms are not started');
  return p;
}

/** "Request assistance" in a breakout room (remembered until reset or stop). */
export function requestAssistance(store: TalkStore, token: string, actor: Actor, requested: boolean): ConversationRecord {
  const p = breakoutRoomOf(store, token, actor);
  const assistance = stateOf(store, p.conversation.objectId).assistance;
  if (requested) assistance.add(token);
  else assistance.delete(token);
  store.changed();
  return p.conversation;
}

/** Whether the participants of a breakout room asked for assistance. */
export function assistanceRequested(store: TalkStore, token: string): boolean {
  const c = store.conversations.get(token);
  return c !== undefined && (statesOf(store).get(c.objectId)?.assistance.has(token) ?? false);
}

/**
 * "Switch to another breakout room" (non-moderators, mode "free", started).
 *
 * @example
 * switchBreakoutRoom(store, parentToken, { kind: 'user', userId: 'bob' }, roomToken).token; // roomToken
 */
export function switchBreakoutRoom(store: TalkStore, token: string, actor: Actor, target: string): ConversationRecord {
  const p = requireMember(store, token, actor);
  if (p.attendee && isModeratorType(p.attendee.participantType)) throw new TalkError(400, 'moderator', 'Moderators are in every breakout room');
  const state = stateOf(store, token);
  if (state.mode !== BreakoutRoomMode.FREE) throw new TalkError(400, 'mode', 'Breakout rooms are not in mode "free"');
  if (state.status !== BreakoutRoomStatus.STARTED) throw new TalkError(400, 'status', 'The breakout rooms are not started');
  const rooms = breakoutRoomsOf(store, token);
  const room = rooms.find((r) => r.token === target);
  if (!room || actor.kind !== 'user') throw new TalkError(400, 'target', 'The target is not a breakout room of the conversation');
  for (const other of rooms) {
    if (other !== room) store.attendees.removeWhere(other.token, (a) => a.actorType === 'users' && a.actorId === actor.userId);
  }
  addUserAttendee(store, room, actor.userId, ParticipantType.USER);
  return room;
}
