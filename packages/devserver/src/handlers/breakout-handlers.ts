// Handlers of the breakout room operations (API v1 `/breakout-rooms/{token}`): answer the Room views of the
// breakout rooms and the parent, as the requesting moderator sees them.
import {
  broadcastToBreakoutRooms,
  configureBreakoutRooms,
  removeBreakoutRooms,
  reorganizeBreakoutRoomAttendees,
  requestAssistance,
  startBreakoutRooms,
  stopBreakoutRooms,
  switchBreakoutRoom,
} from '../domain/breakout-rooms.js';
import { resolveParticipant } from '../domain/participant.js';
import type { Actor, ConversationRecord } from '../domain/records.js';
import type { TalkStore } from '../domain/store.js';
import { conversationView } from '../domain/views.js';
import type { DevHandlers } from './handler-types.js';
import { toActor } from './handler-types.js';

function view(store: TalkStore, actor: Actor, c: ConversationRecord) {
  return conversationView(store, resolveParticipant(store, c.token, actor));
}

function views(store: TalkStore, actor: Actor, rooms: ConversationRecord[]) {
  return rooms.map((c) => view(store, actor, c));
}

/** Breakout room operation handlers keyed by operationId. */
export const breakoutHandlers = {
  configureBreakoutRooms(i, { store }) {
    const actor = toActor(i.actor);
    const rooms = configureBreakoutRooms(store, i.params.token, actor, {
      mode: i.body.mode,
      amount: i.body.amount,
      attendeeMap: i.body.attendeeMap,
    });
    return { status: 200, data: views(store, actor, rooms) };
  },
  removeBreakoutRooms(i, { store }) {
    const actor = toActor(i.actor);
    return { status: 200, data: view(store, actor, removeBreakoutRooms(store, i.params.token, actor)) };
  },
  startBreakoutRooms(i, { store }) {
    const actor = toActor(i.actor);
    return { status: 200, data: views(store, actor, startBreakoutRooms(store, i.params.token, actor)) };
  },
  stopBreakoutRooms(i, { store }) {
    const actor = toActor(i.actor);
    return { status: 200, data: views(store, actor, stopBreakoutRooms(store, i.params.token, actor)) };
  },
  broadcastToBreakoutRooms(i, { store }) {
    const actor = toActor(i.actor);
    return { status: 201, data: views(store, actor, broadcastToBreakoutRooms(store, i.params.token, actor, i.body.message)) };
  },
  reorganizeBreakoutRoomAttendees(i, { store }) {
    const actor = toActor(i.actor);
    return { status: 200, data: views(store, actor, reorganizeBreakoutRoomAttendees(store, i.params.token, actor, i.body.attendeeMap)) };
  },
  requestAssistance(i, { store }) {
    const actor = toActor(i.actor);
    return { status: 200, data: view(store, actor, requestAssistance(store, i.params.token, actor, true)) };
  },
  resetRequestForAssistance(i, { store }) {
    const actor = toActor(i.actor);
    return { status: 200, data: view(store, actor, requestAssistance(store, i.params.token, actor, false)) };
  },
  switchBreakoutRoom(i, { store }) {
    const actor = toActor(i.actor);
    return { status: 200, data: view(store, actor, switchBreakoutRoom(store, i.params.token, actor, i.body.target)) };
  },
} satisfies DevHandlers;
