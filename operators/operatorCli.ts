import type { Readable, Writable } from 'node:stream';
import { InvalidUsernameError, isOperatorRole, OPERATOR_ROLES, type OperatorRole } from './operatorAccount';
import {
  type OperatorAccountStore,
  OperatorExistsError,
  OperatorNotFoundError,
} from './operatorAccountStore';
import { hashPassword, MIN_PASSWORD_LENGTH, WeakPasswordError } from './passwordHash';

/** The terminal or pipe the CLI talks to. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
}

export const USAGE = `Uso:
  npm run operator -- add NOME --role operator|supervisor [--display "Nome Cognome"]
  npm run operator -- passwd NOME
  npm run operator -- list
  npm run operator -- remove NOME

La password si legge dallo standard input quando non è un terminale
(es. echo "password-lunga" | npm run operator -- add mario --role operator),
altrimenti viene chiesta due volte senza mostrarla. Almeno ${MIN_PASSWORD_LENGTH} caratteri.`;

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

interface ParsedArgs {
  command: string | undefined;
  name: string | undefined;
  role: string | undefined;
  display: string | undefined;
}

function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { command: undefined, name: undefined, role: undefined, display: undefined };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--role' || a === '--display') {
      const v = argv[i + 1];
      if (v === undefined) throw new CliUsageError(`${a} richiede un valore`);
      if (a === '--role') out.role = v;
      else out.display = v;
      i++;
    } else if (a.startsWith('--role=')) out.role = a.slice(7);
    else if (a.startsWith('--display=')) out.display = a.slice(10);
    else if (a.startsWith('--')) throw new CliUsageError(`Opzione sconosciuta: ${a}`);
    else positional.push(a);
  }
  [out.command, out.name] = positional;
  if (positional.length > 2) throw new CliUsageError(`Argomenti in più: ${positional.slice(2).join(' ')}`);
  return out;
}

/** Reads all of a non-terminal stdin; the password is its first line. */
async function readPipedLine(stdin: Readable): Promise<string> {
  let data = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) data += String(chunk);
  return data.split(/\r?\n/)[0] ?? '';
}

/** Asks on the terminal without echoing what is typed. */
function askHidden(io: CliIo, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin } = io;
    io.stderr.write(prompt);
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.off('data', onData);
      io.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new CliUsageError('Interrotto'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readNewPassword(io: CliIo): Promise<string> {
  if (!io.stdin.isTTY) return readPipedLine(io.stdin);
  const first = await askHidden(io, 'Password: ');
  const second = await askHidden(io, 'Ripeti la password: ');
  if (first !== second) throw new CliUsageError('Le due password non coincidono');
  return first;
}

/**
 * `npm run operator -- …`: manages console accounts. Returns the exit code (0 ok, 1 error, 2 usage).
 * `onPasswordChanged` ends the user's sessions where the store allows it (Redis).
 */
export async function runOperatorCli(
  argv: string[],
  io: CliIo,
  accounts: OperatorAccountStore,
  onAccountChanged: (username: string) => Promise<void> = async () => undefined,
): Promise<number> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'add': {
        if (!args.name) throw new CliUsageError('Manca il nome utente');
        const role = args.role ?? '';
        if (!isOperatorRole(role))
          throw new CliUsageError(`--role deve essere ${OPERATOR_ROLES.join(' o ')}`);
        const r: OperatorRole = role;
        if (await accounts.get(args.name)) throw new OperatorExistsError(args.name.toLowerCase());
        const passwordHash = await hashPassword(await readNewPassword(io));
        const added = await accounts.add({
          username: args.name,
          role: r,
          displayName: args.display ?? args.name,
          passwordHash,
        });
        say(`Creato ${added.username} (${added.role}, "${added.displayName}")`);
        return 0;
      }
      case 'passwd': {
        if (!args.name) throw new CliUsageError('Manca il nome utente');
        if (!(await accounts.get(args.name))) throw new OperatorNotFoundError(args.name);
        const updated = await accounts.setPassword(args.name, await hashPassword(await readNewPassword(io)));
        await onAccountChanged(updated.username);
        say(`Password cambiata per ${updated.username}`);
        return 0;
      }
      case 'list': {
        const all = await accounts.list();
        if (all.length === 0) say('Nessun operatore.');
        for (const a of all) say(`${a.username}\t${a.role}\t${a.displayName}`);
        return 0;
      }
      case 'remove': {
        if (!args.name) throw new CliUsageError('Manca il nome utente');
        if (!(await accounts.remove(args.name))) throw new OperatorNotFoundError(args.name);
        await onAccountChanged(args.name.toLowerCase());
        say(`Rimosso ${args.name.toLowerCase()}`);
        return 0;
      }
      default:
        throw new CliUsageError(args.command ? `Comando sconosciuto: ${args.command}` : 'Manca il comando');
    }
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof OperatorExistsError) io.stderr.write(`L'operatore ${err.username} esiste già\n`);
    else if (err instanceof OperatorNotFoundError)
      io.stderr.write(`L'operatore ${err.username} non esiste\n`);
    else if (err instanceof WeakPasswordError)
      io.stderr.write(`Password troppo corta: almeno ${MIN_PASSWORD_LENGTH} caratteri\n`);
    else if (err instanceof InvalidUsernameError)
      io.stderr.write(`Nome utente non valido: 2-64 caratteri tra a-z 0-9 . _ -\n`);
    else throw err;
    return 1;
  }
}
