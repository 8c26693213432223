// Moderator and admin accounts.
import type { Db } from '../store/db.js';
import type { Role, UsersTable } from '../store/tables/accounts.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { isoNow, timeOrderedId } from './ids.js';

export type { Role };
export const ROLES: readonly Role[] = ['admin', 'moderator'];

/** What may leave the server about an account (never the password digest). */
export interface PublicUser {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
}

export class AccountError extends Error {
  constructor(
    message: string,
    readonly field: 'email' | 'password' | 'role' | 'user',
    readonly kind: 'invalid' | 'conflict' | 'not_found' = 'invalid',
  ) {
    super(message);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toPublicUser(row: UsersTable): PublicUser {
  return { id: row.id, email: row.email, role: row.role, createdAt: row.created_at };
}

export async function createUser(db: Db, input: { email: string; password: string; role?: Role }): Promise<PublicUser> {
  const email = normalizeEmail(input.email);
  const role = input.role ?? 'moderator';
  if (!EMAIL.test(email) || email.length > 254) throw new AccountError('Please enter a valid email address.', 'email');
  if (!ROLES.includes(role)) throw new AccountError('The role must be "admin" or "moderator".', 'role');
  const problem = passwordProblem(input.password);
  if (problem) throw new AccountError(problem, 'password');
  if (await findUserByEmail(db, email)) {
    throw new AccountError(`An account with the email ${email} already exists.`, 'email', 'conflict');
  }
  const row: UsersTable = {
    id: timeOrderedId(),
    email,
    password_hash: await hashPassword(input.password),
    role,
    created_at: isoNow(),
  };
  try {
    await db.insertInto('users').values(row).execute();
  } catch (err) {
    // Two creations raced past the check above; the unique index decided.
    if (await findUserByEmail(db, email)) {
      throw new AccountError(`An account with the email ${email} already exists.`, 'email', 'conflict');
    }
    throw err;
  }
  return toPublicUser(row);
}

export async function findUserByEmail(db: Db, email: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toPublicUser);
}

/** Removes an account and its sessions. Refuses to remove the last admin (nobody could manage accounts). */
export async function deleteUser(db: Db, id: string): Promise<PublicUser> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AccountError('There is no account with this id.', 'user', 'not_found');
    if (row.role === 'admin') {
      const admins = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) throw new AccountError('The last admin account cannot be removed.', 'user', 'conflict');
    }
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await trx.deleteFrom('users').where('id', '=', id).execute();
    return toPublicUser(row);
  });
}
