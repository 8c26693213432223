// The comment domain's public surface, for routes, the CLI and the moderator side.
export * from './public.js';
export * from './post.js';
export * from './thread.js';
export * from './status.js';
export * from './reactions.js';
export * from './own.js';
export * from './render.js';
export * from './tokens.js';
export { checkCommentFields, checkBody, normalizeWebsite, MESSAGES } from './validate.js';
export { authorHistory, buildModerationInput, moderationJson } from './moderation-input.js';
