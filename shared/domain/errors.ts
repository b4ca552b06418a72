/**
 * Stable error codes returned by every procedure.
 *
 * The UI and the CLI translate them (shared/i18n/errors.*); the message that travels with them is English,
 * for logs and developers, and never contains personal data or secrets.
 */
export const ErrorCodes = Object.freeze({
  INVALID_INPUT: 'INVALID_INPUT',
  UNKNOWN_PROCEDURE: 'UNKNOWN_PROCEDURE',
  VAULT_NOT_FOUND: 'VAULT_NOT_FOUND',
  VAULT_EXISTS: 'VAULT_EXISTS',
  VAULT_TAMPERED: 'VAULT_TAMPERED',
  LOCKED: 'LOCKED',
  ALREADY_UNLOCKED: 'ALREADY_UNLOCKED',
  AUTH_FAILED: 'AUTH_FAILED',
  AUTH_THROTTLED: 'AUTH_THROTTLED',
  RECOVERY_FAILED: 'RECOVERY_FAILED',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  FORBIDDEN: 'FORBIDDEN',
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  USERNAME_TAKEN: 'USERNAME_TAKEN',
  LAST_ADMIN: 'LAST_ADMIN',
  LAST_LEADER: 'LAST_LEADER',
  SELF_ROLE_CHANGE: 'SELF_ROLE_CHANGE',
  GRANT_NEEDS_OWN_PASSWORD: 'GRANT_NEEDS_OWN_PASSWORD',
  ROLE_PENDING_APPROVAL: 'ROLE_PENDING_APPROVAL',
  LEADER_AVAILABLE: 'LEADER_AVAILABLE',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  BACKUP_INVALID: 'BACKUP_INVALID',
  DUPLICATE_CITIZEN_ID: 'DUPLICATE_CITIZEN_ID',
  NEEDS_CONFIRMATION: 'NEEDS_CONFIRMATION',
  IO_ERROR: 'IO_ERROR',
  /** Another HoSo program (the app, a `hoso` command) has this data directory open (electron/db/dir-lock.ts). */
  DATA_DIR_IN_USE: 'DATA_DIR_IN_USE',
  /** vault.json and hoso.db do not belong together (electron/vault/binding.ts); cleared by `hoso audit reanchor`. */
  VAULT_HEAD_INVALID: 'VAULT_HEAD_INVALID',
  DB_ROLLED_BACK: 'DB_ROLLED_BACK',
  VAULT_DB_MISMATCH: 'VAULT_DB_MISMATCH',
  CHECKPOINT_INVALID: 'CHECKPOINT_INVALID',
  /** Bundles (electron/exchange): each refusal names what a district officer can act on. */
  BUNDLE_INVALID: 'BUNDLE_INVALID',
  BUNDLE_NOT_FOR_US: 'BUNDLE_NOT_FOR_US',
  BUNDLE_UNKNOWN_SENDER: 'BUNDLE_UNKNOWN_SENDER',
  BUNDLE_SENDER_SUSPENDED: 'BUNDLE_SENDER_SUSPENDED',
  BUNDLE_ALREADY_APPLIED: 'BUNDLE_ALREADY_APPLIED',
  BUNDLE_REPLAYED: 'BUNDLE_REPLAYED',
  BUNDLE_GAP: 'BUNDLE_GAP',
  BUNDLE_TOO_LARGE: 'BUNDLE_TOO_LARGE',
  BUNDLE_AUDIT_FORK: 'BUNDLE_AUDIT_FORK',
  BUNDLE_SUPERSEDED: 'BUNDLE_SUPERSEDED',
  PEER_CARD_INVALID: 'PEER_CARD_INVALID',
  FINGERPRINT_MISMATCH: 'FINGERPRINT_MISMATCH',
  INTERNAL: 'INTERNAL',
} as const);
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for INVALID_INPUT: path and a translation key, never the offending value. */
  issues?: { path: string; code: string }[];
  /** For AUTH_THROTTLED: milliseconds until the next try is accepted. */
  retryAfterMs?: number;
  /** For DUPLICATE_CITIZEN_ID: the file that already has this number, so the form can link to it (in scope only). */
  existingId?: string;
  /** For DUPLICATE_CITIZEN_ID outside the caller's scope: whom to ask, never the file's contents. */
  owningUnit?: { code: string; name: string } | null;
  /** For BUNDLE_GAP: the numbers of the bundles from that peer to import first. */
  missing?: number[];
  /** For BUNDLE_SUPERSEDED: the later bundle from that peer, already imported, that carried this one's changes. */
  supersededBy?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside the trusted side; the router turns it into `{ok:false,error}`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly extra: Omit<ApiError, 'code' | 'message'>;
  constructor(code: ErrorCode, message: string, extra: Omit<ApiError, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.extra = extra;
  }
}
