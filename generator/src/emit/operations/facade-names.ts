/** Facade group of a tag: `conversation` → `conversations`, `participant` → `participants`, `chat` → `chat`. */
export function facadeArea(tag: string): string {
  if (tag === 'chat' || tag.endsWith('s')) return tag;
  return `${tag}s`;
}

/** Domain nouns dropped from an operationId when they directly follow its verb. */
const DOMAIN_NOUNS = new Set(['Conversation', 'Conversations', 'Chat', 'Message', 'Messages', 'Participant', 'Participants']);

/** Shorter names where the rule below reads badly (the Talk docs call these "share" and "mentions"). */
const ALIASES: Readonly<Record<string, string>> = {
  shareRichObject: 'share',
  getMentionSuggestions: 'mentions',
  getNoteToSelfConversation: 'noteToSelf',
  listOpenConversations: 'listOpen',
};

/**
 * Facade names that were renamed, kept as `@deprecated` aliases for one minor version (operationId → old name).
 * Remove an entry one minor version after it was added.
 */
const DEPRECATED_NAMES: Readonly<Record<string, string>> = {
  getNoteToSelfConversation: 'getNoteToSelfConversation',
  listOpenConversations: 'listOpenConversations',
};

/** The old facade name of an operation that was renamed (a `@deprecated` alias of the new one), if any. */
export function deprecatedFacadeName(operationId: string): string | undefined {
  return DEPRECATED_NAMES[operationId];
}

/**
 * Facade method name of an operationId: the domain noun right after the verb is dropped
 * (`getConversation` → `get`, `setConversationDescription` → `setDescription`, `markChatRead` → `markRead`,
 * `listBreakoutRoomParticipants` stays), plus the {@link ALIASES}. Names that would collide inside one group
 * keep the operationId.
 */
export function facadeMethodName(operationId: string): string {
  const alias = ALIASES[operationId];
  if (alias) return alias;
  const words = operationId.match(/^[a-z]+|[A-Z][a-z0-9]*/g) ?? [operationId];
  if (words.length >= 2 && DOMAIN_NOUNS.has(words[1]!)) words.splice(1, 1);
  return words.join('');
}

/** camelCase result key of a response header: `X-Chat-Last-Given` → `lastGiven`, `X-Nextcloud-Talk-Hash` → `talkHash`. */
export function headerKey(header: string): string {
  const rest = header
    .replace(/^X-Chat-/i, '')
    .replace(/^X-Nextcloud-Talk-(?=[^-]+-)/i, '')
    .replace(/^X-Nextcloud-/i, '')
    .replace(/^X-/i, '');
  const words = rest.split('-').filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
}
