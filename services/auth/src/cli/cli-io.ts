/** Where the CLI reads and writes; injected so tests call `runCli` in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of stdin. */
  readStdin: () => Promise<string>;
  /** True when stdin is a terminal (prompt instead of waiting silently). */
  stdinIsTty: boolean;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
}

/** A command-line mistake: exit code 2 and a usage hint. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdinIsTty: process.stdin.isTTY === true,
    env: process.env,
    now: () => new Date(),
  };
}
