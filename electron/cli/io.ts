import fs from 'node:fs';
import readline from 'node:readline';

/**
 * Standard input for the CLI. With --password-stdin (or any piped input) the whole of stdin is read once and
 * handed out line by line: first the password(s), then whatever the command reads (JSON). Interactive
 * prompts never echo a secret. Secrets are never taken from arguments, where `ps` and shell history see them.
 */
export class CliInput {
  private lines: string[] | null = null;

  constructor(private readonly useStdin: boolean) {}

  private load(): string[] {
    if (this.lines === null) {
      let text: string;
      try {
        text = fs.readFileSync(0, 'utf8');
      } catch {
        text = '';
      }
      this.lines = text.split(/\r?\n/);
    }
    return this.lines;
  }

  get piped(): boolean {
    return this.useStdin || !process.stdin.isTTY;
  }

  /** The next line of piped input, or a prompt without echo on a terminal. */
  async secret(prompt: string): Promise<string> {
    if (this.piped) {
      const line = this.load().shift();
      if (line === undefined || line === '')
        throw new CliUsageError(
          'standard input ended before a password line',
          'đầu vào chuẩn đã hết trước dòng mật khẩu',
        );
      return line;
    }
    return promptHidden(prompt);
  }

  /** Everything left on standard input (after the password lines). */
  rest(): string {
    const lines = this.load();
    const text = lines.join('\n');
    this.lines = [];
    return text;
  }
}

/** A command line the program cannot act on; said in English (`message`) and in Vietnamese (`vi`). */
export class CliUsageError extends Error {
  constructor(
    message: string,
    readonly vi: string,
  ) {
    super(message);
  }
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(prompt);
    // Suppress the echo of typed characters; only the prompt itself is written.
    out._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    rl.on('SIGINT', () => {
      rl.close();
      reject(new CliUsageError('cancelled', 'đã huỷ'));
    });
  });
}

/** The JSON object a command reads from standard input after the password line. */
export function readJson(rt: { input: { rest(): string } }): Record<string, unknown> {
  const text = rt.input.rest().trim();
  if (!text)
    throw new CliUsageError('expected a JSON object on standard input', 'cần một đối tượng JSON trên đầu vào chuẩn');
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new CliUsageError('standard input is not a JSON object', 'đầu vào chuẩn không phải một đối tượng JSON');
  }
}
