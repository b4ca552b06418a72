import crypto from 'node:crypto';
import fs from 'node:fs';
import { v4 as uuidv4 } from 'uuid';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { deriveKek, hmac, safeEqual } from './crypto';
import { kdfParamsFor, type KdfPolicy } from './kdf-policy';
import { newRecoveryKey, normalizeRecoveryKey } from './recovery-key';
import { anchorValid, bumpGeneration, writeAnchor } from './binding';
import { computeSlotsMac, createSlot, openSlot, rewrapSlot } from './slots';
import { noteFailure, noteSuccess, throttleWaitMs } from './throttle';
import { readVaultFile, vaultExists, vaultFilePath, writeVaultFile, type Slot, type VaultFileData } from './vault-file';

export { THROTTLE_FREE_TRIES, THROTTLE_MAX_MS, throttleDelayMs } from './throttle';

export interface Unlocked {
  dataKey: Buffer;
  accountId: string;
  privateKey: crypto.KeyObject;
  /** Failed tries recorded since the last successful unlock, for the audit log. */
  pendingFailures: { lookup: string | null; at: string }[];
}

/**
 * The vault file's behaviour: creation, unlock with throttling, slots for accounts and recovery, rekey
 * re-wrapping, and the MACed audit head. It never holds the data key itself; callers pass it in.
 */
export class Vault {
  constructor(
    readonly dataDir: string,
    private readonly now: () => number,
    private readonly kdfPolicy: KdfPolicy,
  ) {}

  exists(): boolean {
    return vaultExists(this.dataDir);
  }

  read(): VaultFileData {
    return readVaultFile(this.dataDir);
  }

  workstationId(): string {
    return this.read().workstationId;
  }

  lookupFor(username: string, file: VaultFileData = this.read()): string {
    return crypto
      .createHmac('sha256', Buffer.from(file.lookupSalt, 'base64'))
      .update(username.normalize('NFC').toLowerCase())
      .digest('hex');
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Creates the vault: workstation id, data key, the first administrator's slot and the recovery slot. */
  async create(adminAccountId: string, adminUsername: string, password: string) {
    if (this.exists()) throw new AppError(ErrorCodes.VAULT_EXISTS, 'a vault already exists here');
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const dataKey = crypto.randomBytes(32);
    const recovery = newRecoveryKey();
    const file: VaultFileData = {
      format: 'hoso-vault',
      version: 1,
      workstationId: uuidv4(),
      lookupSalt: crypto.randomBytes(16).toString('base64'),
      slots: [],
      slotsMac: '',
      generation: 0,
      auditHead: { seq: 0, hash: '', mac: '' },
      throttle: {},
      pendingFailures: [],
    };
    const adminSlot = await createSlot({
      kind: 'account',
      accountId: adminAccountId,
      lookup: this.lookupFor(adminUsername, file),
      secret: password,
      kdf: await kdfParamsFor(this.kdfPolicy),
      dataKey,
      now: this.iso(),
    });
    const recoverySlot = await createSlot({
      kind: 'recovery',
      accountId: null,
      lookup: null,
      secret: recovery.normalized,
      kdf: await kdfParamsFor(this.kdfPolicy),
      dataKey,
      now: this.iso(),
    });
    file.slots = [adminSlot, recoverySlot];
    this.seal(file, dataKey, null);
    writeVaultFile(this.dataDir, file);
    return { dataKey, workstationId: file.workstationId, recoveryKey: recovery.display };
  }

  /**
   * Recomputes the slot table's MAC, raises the generation and re-anchors the audit head (binding.ts).
   * `previousKey` checks the anchor as it was (null for a new vault): an invalid one is never laundered.
   */
  private seal(file: VaultFileData, dataKey: Buffer, previousKey: Buffer | null = dataKey): void {
    const wasValid = previousKey === null || anchorValid(previousKey, file);
    file.slotsMac = computeSlotsMac(dataKey, file);
    bumpGeneration(dataKey, file, wasValid);
  }

  /** Rejects a vault whose slot table was edited by someone without the data key. */
  private assertSlotsMac(file: VaultFileData, dataKey: Buffer): void {
    if (!safeEqual(computeSlotsMac(dataKey, file), file.slotsMac)) {
      throw new AppError(ErrorCodes.VAULT_TAMPERED, 'the key slot table has been altered');
    }
  }

  /** The recovery slot's throttle key: fixed per vault, derived from nothing anyone types. */
  private recoveryThrottleKey(file: VaultFileData): string {
    const lookup = hmac(Buffer.from(file.lookupSalt, 'base64'), 'recovery');
    return crypto.createHash('sha256').update(lookup).digest('hex');
  }

  /** `key` is a slot's lookup (or the recovery key), null for a name without a slot; see throttle.ts. */
  private recordFailure(key: string | null, global: boolean, pending = true): number {
    const file = this.read();
    const opts = { key, global, now: this.now(), at: this.iso(), recoveryKey: this.recoveryThrottleKey(file), pending };
    const delay = noteFailure(file, opts);
    writeVaultFile(this.dataDir, file);
    return delay;
  }

  async unlockAccount(username: string, password: string): Promise<Unlocked> {
    const file = this.read();
    const lookup = this.lookupFor(username, file);
    const slot = file.slots.find((s) => s.kind === 'account' && s.lookup === lookup);
    const wait = throttleWaitMs(file, slot ? lookup : null, true, this.now());
    if (wait > 0) throw new AppError(ErrorCodes.AUTH_THROTTLED, 'too many failed tries', { retryAfterMs: wait });
    if (!slot) {
      // Same work and the same answer as a wrong password, so account names cannot be probed.
      const template = file.slots[0];
      if (template)
        await deriveKek(password, template.kdf).then(
          (k) => k.fill(0),
          () => undefined,
        );
      // The global counter covers this name; nothing derived from it is written.
      const retryAfterMs = this.recordFailure(null, true);
      throw new AppError(ErrorCodes.AUTH_FAILED, 'wrong account or password', { retryAfterMs });
    }
    let opened: Awaited<ReturnType<typeof openSlot>>;
    try {
      opened = await openSlot(slot, password);
    } catch {
      const retryAfterMs = this.recordFailure(lookup, true);
      throw new AppError(ErrorCodes.AUTH_FAILED, 'wrong account or password', { retryAfterMs });
    }
    this.assertSlotsMac(file, opened.dataKey);
    const after = this.read();
    const pendingFailures = after.pendingFailures;
    noteSuccess(after, { key: lookup, global: true, recoveryKey: this.recoveryThrottleKey(after) });
    after.pendingFailures = [];
    writeVaultFile(this.dataDir, after);
    return { dataKey: opened.dataKey, accountId: slot.accountId!, privateKey: opened.privateKey, pendingFailures };
  }

  async unlockRecovery(recoveryKey: string): Promise<Buffer> {
    const file = this.read();
    const key = this.recoveryThrottleKey(file);
    const wait = throttleWaitMs(file, key, false, this.now());
    if (wait > 0) throw new AppError(ErrorCodes.AUTH_THROTTLED, 'too many failed tries', { retryAfterMs: wait });
    const slot = file.slots.find((s) => s.kind === 'recovery');
    if (!slot) throw new AppError(ErrorCodes.RECOVERY_FAILED, 'this vault has no recovery slot');
    try {
      const { dataKey } = await openSlot(slot, normalizeRecoveryKey(recoveryKey));
      this.assertSlotsMac(file, dataKey);
      const after = this.read();
      noteSuccess(after, { key, global: false, recoveryKey: key });
      writeVaultFile(this.dataDir, after);
      return dataKey;
    } catch (e) {
      if (e instanceof AppError && e.code === ErrorCodes.VAULT_TAMPERED) throw e;
      const retryAfterMs = this.recordFailure(key, false);
      throw new AppError(ErrorCodes.RECOVERY_FAILED, 'the recovery key does not open this vault', { retryAfterMs });
    }
  }

  /** Gives an account a fresh slot (new key pair) under a new password, replacing any slot it had. */
  async setAccountSlot(dataKey: Buffer, accountId: string, username: string, password: string): Promise<void> {
    const kdf = await kdfParamsFor(this.kdfPolicy);
    const file = this.read();
    this.assertSlotsMac(file, dataKey);
    const slot = await createSlot({
      kind: 'account',
      accountId,
      lookup: this.lookupFor(username, file),
      secret: password,
      kdf,
      dataKey,
      now: this.iso(),
    });
    file.slots = [...file.slots.filter((s) => s.accountId !== accountId), slot];
    this.seal(file, dataKey);
    writeVaultFile(this.dataDir, file);
  }

  removeAccountSlot(dataKey: Buffer, accountId: string): boolean {
    const file = this.read();
    this.assertSlotsMac(file, dataKey);
    const before = file.slots.length;
    file.slots = file.slots.filter((s) => s.accountId !== accountId);
    if (file.slots.length === before) return false;
    this.seal(file, dataKey);
    writeVaultFile(this.dataDir, file);
    return true;
  }

  hasSlot(accountId: string): boolean {
    return this.read().slots.some((s) => s.accountId === accountId);
  }

  /** Proves an account's password against its own slot, without changing anything. */
  async verifyPassword(accountId: string, password: string): Promise<void> {
    const slot = this.read().slots.find((s) => s.accountId === accountId);
    if (!slot) throw new AppError(ErrorCodes.NOT_FOUND, 'account has no key slot');
    await this.proveOwnPassword(slot, password, 'password is wrong');
  }

  /**
   * Re-authentication inside a session (rekey, recovery rotation, password change) counts on the account's own
   * sign-in counter, so an unlocked, unattended screen is not an unthrottled oracle for its password.
   */
  private async proveOwnPassword(slot: Slot, secret: string, message: string): Promise<void> {
    const key = slot.lookup;
    const wait = key ? throttleWaitMs(this.read(), key, false, this.now()) : 0;
    if (wait > 0) throw new AppError(ErrorCodes.AUTH_THROTTLED, 'too many failed tries', { retryAfterMs: wait });
    try {
      (await openSlot(slot, secret)).dataKey.fill(0);
    } catch {
      const retryAfterMs = key ? this.recordFailure(key, false, false) : 0;
      throw new AppError(ErrorCodes.AUTH_FAILED, message, { retryAfterMs });
    }
  }

  /**
   * Password change: proves the current password on the account's own slot, then replaces that slot with a
   * new one: a new key pair, sealed under the new password. The old private key (known to whoever learned the
   * old password, or copied the key) no longer matches any slot, so after the next rekey it opens nothing.
   */
  async changePassword(dataKey: Buffer, accountId: string, current: string, next: string): Promise<void> {
    const file = this.read();
    const idx = file.slots.findIndex((s) => s.accountId === accountId);
    const slot = file.slots[idx];
    if (!slot) throw new AppError(ErrorCodes.NOT_FOUND, 'account has no key slot');
    await this.proveOwnPassword(slot, current, 'current password is wrong');
    this.assertSlotsMac(file, dataKey);
    file.slots[idx] = await createSlot({
      kind: 'account',
      accountId,
      lookup: slot.lookup,
      secret: next,
      kdf: await kdfParamsFor(this.kdfPolicy),
      dataKey,
      now: this.iso(),
    });
    this.seal(file, dataKey);
    writeVaultFile(this.dataDir, file);
  }

  /**
   * Issues a new recovery key: a new recovery slot (new key pair, new secret) replaces the old one, whose key
   * then opens nothing in this vault. Returns the key for display, once.
   */
  async rotateRecoverySlot(dataKey: Buffer): Promise<string> {
    const kdf = await kdfParamsFor(this.kdfPolicy);
    const recovery = newRecoveryKey();
    const slot = await createSlot({
      kind: 'recovery',
      accountId: null,
      lookup: null,
      secret: recovery.normalized,
      kdf,
      dataKey,
      now: this.iso(),
    });
    const file = this.read();
    this.assertSlotsMac(file, dataKey);
    file.slots = [...file.slots.filter((s) => s.kind !== 'recovery'), slot];
    const throttleKey = this.recoveryThrottleKey(file);
    noteSuccess(file, { key: throttleKey, global: false, recoveryKey: throttleKey });
    this.seal(file, dataKey);
    writeVaultFile(this.dataDir, file);
    return recovery.display;
  }

  /** The vault as it will be after a rekey: every slot re-wrapped to the new key, MACs recomputed. */
  rewrapped(oldKey: Buffer, newKey: Buffer): VaultFileData {
    const file = this.read();
    this.assertSlotsMac(file, oldKey);
    file.slots = file.slots.map((s: Slot) => rewrapSlot(s, newKey));
    this.seal(file, newKey, oldKey);
    return file;
  }

  pendingRekeyPath(): string {
    return `${vaultFilePath(this.dataDir)}.next`;
  }

  /**
   * Records the open database's head. Only over an anchor that still verifies: a vault file altered while the
   * database was open stays refused at the next open instead of being re-signed. Returns the generation.
   */
  setAuditHead(dataKey: Buffer, seq: number, hash: string): number | null {
    const file = this.read();
    if (!anchorValid(dataKey, file)) return null;
    file.auditHead = { seq, hash, mac: '' };
    writeAnchor(dataKey, file);
    writeVaultFile(this.dataDir, file, false);
    return file.generation ?? 0;
  }

  /** The audit head as last recorded, or null when its anchor MAC does not verify. */
  auditHead(dataKey: Buffer): { seq: number; hash: string } | null {
    const file = this.read();
    return anchorValid(dataKey, file) ? { seq: file.auditHead.seq, hash: file.auditHead.hash } : null;
  }
}
