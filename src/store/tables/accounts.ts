// Table types for moderator accounts, sessions, login throttling and the audit log (migrations 010–019).
export interface AccountTables {}
