// Table types for sites, stories, comments, likes, reports (migrations 001–009). Owned by the core.
export interface CoreTables {}
