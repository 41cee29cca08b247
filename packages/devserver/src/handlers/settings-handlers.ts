// Handlers of settings, SIP dial-in, mention permissions, signaling settings and the files integration.
import { randomBytes } from 'node:crypto';
import { ConversationType } from '../domain/constants.js';
import { requireMember, requireModerator, resolveParticipant } from '../domain/participant.js';
import { roomExtra } from '../domain/room-extras.js';
import { canUserEnableSip, isSipConfigured, setSipSettings, setUserSetting, sipConfig } from '../domain/settings.js';
import { TalkError } from '../domain/talk-error.js';
import { conversationView } from '../domain/views.js';
import type { DevHandlers } from './handler-types.js';
import { EMPTY, toActor } from './handler-types.js';

/** Settings, SIP, mention permission, signaling and integration handlers keyed by operationId. */
export const settingsHandlers = {
  setMentionPermissions(i, { store }) {
    const p = requireMember(store, i.params.token, toActor(i.actor));
    requireModerator(p);
    const c = p.conversation;
    if (c.type !== ConversationType.GROUP && c.type !== ConversationType.PUBLIC)
      throw new TalkError(400, 'type', 'Mention permissions can only be set in group and public conversations');
    if (c.objectType === 'room') throw new TalkError(400, 'breakout-room', 'Mention permissions cannot be set in a breakout room');
    const value = i.body.mentionPermissions;
    if (value !== 0 && value !== 1) throw new TalkError(400, 'mentionPermissions', 'mentionPermissions must be 0 (everyone) or 1 (moderators)');
    roomExtra(store, c.token).mentionPermissions = value;
    store.changed();
    return { status: 200, data: conversationView(store, p) };
  },
  setSipDialIn(i, { store }) {
    const actor = toActor(i.actor);
    const p = requireMember(store, i.params.token, actor);
    requireModerator(p);
    // Talk checks the server configuration first (a plain server answers 412 config, recorded), then the user.
    if (!isSipConfigured(store)) throw new TalkError(412, 'config', 'SIP is not configured on the server');
    if (!canUserEnableSip(store, actor)) throw new TalkError(401, 'sip', 'The user can not enable SIP (not in a SIP group)');
    if (p.conversation.objectType === 'room') throw new TalkError(400, 'breakout-room', 'SIP cannot be enabled in a breakout room');
    const state = i.body.state;
    const extra = roomExtra(store, p.conversation.token);
    if ((state !== 0 && state !== 1 && state !== 2) || state === extra.sipEnabled) throw new TalkError(400, 'state', 'The SIP state is invalid or unchanged');
    extra.sipEnabled = state;
    store.changed();
    return { status: 200, data: conversationView(store, p) };
  },
  setUserSetting(i, { store }) {
    setUserSetting(store, toActor(i.actor), i.body.key, i.body.value);
    return EMPTY;
  },
  setSipSettings(i, { store }) {
    setSipSettings(store, toActor(i.actor), {
      sipGroups: i.body.sipGroups,
      dialInInfo: i.body.dialInInfo,
      sharedSecret: i.body.sharedSecret,
    });
    return EMPTY;
  },
  getSignalingSettings(i, { store }) {
    const actor = toActor(i.actor);
    const conversationToken = i.query.token === undefined ? '' : i.query.token;
    if (conversationToken !== '') resolveParticipant(store, conversationToken, actor, { allowPublicVisitor: true });
    return {
      status: 200,
      data: {
        signalingMode: 'internal',
        userId: actor.kind === 'user' ? actor.userId : null,
        hideWarning: false,
        server: '',
        ticket: randomBytes(32).toString('base64url'),
        stunservers: [{ urls: ['stun:stun.nextcloud.com:443'] }],
        turnservers: [],
        sipDialinInfo: sipConfig(store).dialInInfo,
      },
    };
  },
  getFileConversation(i) {
    throw new TalkError(404, 'file', `File ${i.params.fileId} was not found or is not shared (the dev server has no files app)`);
  },
  getPublicShareConversation(i) {
    throw new TalkError(404, 'share', `Share ${i.params.shareToken} was not found (the dev server has no files app)`);
  },
  createPasswordRequestConversation(i) {
    throw new TalkError(404, 'share', `Share ${i.body.shareToken} was not found or has no "Request password via Talk" (the dev server has no files app)`);
  },
} satisfies DevHandlers;
