// Table types for the moderation engine: stored scores, word lists, API keys (migrations 020–029).
export interface ModerationTables {}
