import path from 'node:path';
import type { InputOf, OutputOf, ProcedureName } from '../../shared/contract';
import { AppError, type ApiError } from '../../shared/domain/errors';
import { errorMessages } from '../../shared/i18n/errors';
import { investigationLabels } from '../../shared/i18n/investigation-labels';
import { rehabIssues } from '../../shared/i18n/rehab-labels';
import personsEn from '../../renderer/src/i18n/persons.en.json';
import personsVi from '../../renderer/src/i18n/persons.vi.json';
import { defaultDataDir } from '../host/data-dir';
import { createHost, type Host } from '../host/root';
import { JsonPreferencesStore } from '../prefs/preferences';
import { policyFromEnv } from '../vault/kdf-policy';
import { CliInput, CliUsageError } from './io';
import { exchangeIssueWords, genericIssueWords } from './issue-words';

export interface GlobalOptions {
  dataDir?: string;
  user?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

export type Lang = 'vi' | 'en';

export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Lang {
  const l = env.HOSO_LANG ?? env.LC_ALL ?? env.LANG ?? '';
  return l.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

/** Raised when a procedure returns an error: carries the stable code to stderr and exit status 1. */
export class CliApiError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/** One CLI invocation: the same host the app runs, in-process, with the stdin and output conventions. */
export class CliRuntime {
  readonly host: Host;
  readonly input: CliInput;
  readonly lang: Lang = cliLanguage();
  readonly dataDir: string;
  private signInPassword: string | null = null;

  constructor(readonly opts: GlobalOptions) {
    this.dataDir = opts.dataDir ? path.resolve(opts.dataDir) : defaultDataDir();
    this.host = createHost({
      dataDir: this.dataDir,
      kdfPolicy: policyFromEnv(process.env),
      preferences: new JsonPreferencesStore(path.join(this.dataDir, 'preferences.json')),
    });
    this.input = new CliInput(Boolean(opts.passwordStdin));
  }

  async call<K extends ProcedureName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
    const r = await this.host.call(name, input);
    if (!r.ok) throw new CliApiError(r.error);
    return r.value as OutputOf<K>;
  }

  /** Signs in as --user with a password from stdin or a prompt. */
  async signIn(): Promise<void> {
    if (!this.opts.user) throw new CliUsageError('this command needs --user NAME', 'lệnh này cần --user TÊN_TÀI_KHOẢN');
    const password = await this.input.secret(this.lang === 'vi' ? 'Mật khẩu: ' : 'Password: ');
    this.signInPassword = password;
    await this.call('session.unlock', { username: this.opts.user, password });
  }

  /** The sign-in password, for `user passwd` fed from stdin; held only for this short-lived process. */
  lastPassword(): string {
    if (this.signInPassword === null) throw new CliUsageError('not signed in', 'chưa đăng nhập');
    return this.signInPassword;
  }

  /** Prints a result: JSON with --json, otherwise the human text. */
  print(value: unknown, human: () => string): void {
    process.stdout.write(this.opts.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
  }

  async close(): Promise<void> {
    this.signInPassword = null;
    await this.host.close();
  }

  /** The unit with this code; a usage error naming the code when there is none. */
  async unitByCode(code: string) {
    const unit = (await this.call('units.list', {})).find((u) => u.code === code);
    if (!unit) throw new CliUsageError(`no unit ${code}`, `không có đơn vị ${code}`);
    return unit;
  }
}

/** Maps anything thrown to the message on stderr and the exit status (1 failure, 2 usage). */
export function reportError(e: unknown, lang: Lang, json: boolean): number {
  if (e instanceof CliUsageError) {
    process.stderr.write(lang === 'vi' ? `lỗi cú pháp: ${e.vi}\n` : `usage error: ${e.message}\n`);
    return 2;
  }
  const error: ApiError =
    e instanceof CliApiError
      ? e.error
      : e instanceof AppError
        ? { code: e.code, message: e.message }
        : { code: 'INTERNAL', message: 'an internal error occurred' };
  if (json) {
    process.stderr.write(`${JSON.stringify({ error })}\n`);
  } else {
    const text = errorMessages[lang][error.code] ?? error.message;
    // A field's problem in the same words the screens use, with its stable code for scripts.
    const words: Record<string, string> = {
      ...genericIssueWords[lang],
      ...(lang === 'vi' ? personsVi : personsEn).validation,
      ...exchangeIssueWords[lang],
      ...investigationLabels[lang].validation,
      ...rehabIssues[lang],
    };
    const issue = (i: { path: string; code: string }) =>
      words[i.code] ? `${i.path}: ${words[i.code]} (${i.code})` : `${i.path}: ${i.code}`;
    const issues = error.issues?.length ? ` (${error.issues.map(issue).join(', ')})` : '';
    const wait = error.retryAfterMs ? ` [${Math.ceil(error.retryAfterMs / 1000)} s]` : '';
    process.stderr.write(`${lang === 'vi' ? 'lỗi' : 'error'} ${error.code}: ${text}${issues}${wait}\n`);
  }
  return 1;
}
