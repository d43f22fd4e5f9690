import type { Readable, Writable } from 'node:stream';
import {
  InvalidUsernameError,
  isOperatorRole,
  normalizeQueues,
  OPERATOR_ROLES,
  type OperatorAccountChanges,
  type OperatorRole,
  UnknownQueueError,
} from './operatorAccount';
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
  npm run operator -- add NOME --role operator|supervisor [--display "Nome Cognome"] [--queues CODA,CODA]
  npm run operator -- update NOME [--role operator|supervisor] [--display "Nome Cognome"] [--queues CODA,CODA|all]
  npm run operator -- passwd NOME
  npm run operator -- list
  npm run operator -- remove NOME

La password si legge dallo standard input quando non è un terminale
(es. echo "password-lunga" | npm run operator -- add mario --role operator),
altrimenti viene chiesta due volte senza mostrarla. Almeno ${MIN_PASSWORD_LENGTH} caratteri.
--queues: le code servite (id di config/handoff.yaml, es. trasporti,ambiente); senza --queues
o con --queues all l'operatore serve tutte le code.`;

/** How `list` shows an account that serves every queue. */
export const ALL_QUEUES_LABEL = 'tutte le code';

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
  queues: string | undefined;
}

const OPTIONS = ['role', 'display', 'queues'] as const;
type OptionName = (typeof OPTIONS)[number];

function optionName(arg: string): OptionName | undefined {
  return OPTIONS.find((o) => arg === `--${o}`);
}

function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = {
    command: undefined,
    name: undefined,
    role: undefined,
    display: undefined,
    queues: undefined,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const eq = a.indexOf('=');
    const inline = a.startsWith('--') && eq > 0 ? optionName(a.slice(0, eq)) : undefined;
    const spaced = optionName(a);
    if (spaced) {
      const v = argv[i + 1];
      if (v === undefined) throw new CliUsageError(`${a} richiede un valore`);
      out[spaced] = v;
      i++;
    } else if (inline) out[inline] = a.slice(eq + 1);
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

/** `--queues a,b` as a list; "all" (or nothing) means every queue, i.e. the empty list. */
function parseQueues(value: string, knownQueues: readonly string[] | undefined): string[] {
  if (value.trim().toLowerCase() === 'all') return [];
  return normalizeQueues(value.split(','), knownQueues);
}

function queuesLabel(queues: readonly string[] | undefined): string {
  return queues && queues.length > 0 ? queues.join(',') : ALL_QUEUES_LABEL;
}

export interface OperatorCliOptions {
  /** The queue ids of config/handoff.yaml: `--queues` accepts only these. */
  knownQueues?: readonly string[];
}

/**
 * `npm run operator -- …`: manages console accounts. Returns the exit code (0 ok, 1 error, 2 usage).
 * `onAccountChanged` ends the user's sessions where the store allows it (Redis).
 */
export async function runOperatorCli(
  argv: string[],
  io: CliIo,
  accounts: OperatorAccountStore,
  onAccountChanged: (username: string) => Promise<void> = async () => undefined,
  options: OperatorCliOptions = {},
): Promise<number> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  try {
    const args = parseArgs(argv);
    // Checked before the password is asked, so a typo in a queue costs no typing.
    const queues = args.queues === undefined ? undefined : parseQueues(args.queues, options.knownQueues);
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
          ...(queues ? { queues } : {}),
          passwordHash,
        });
        say(
          `Creato ${added.username} (${added.role}, "${added.displayName}", code: ${queuesLabel(added.queues)})`,
        );
        return 0;
      }
      case 'update': {
        if (!args.name) throw new CliUsageError('Manca il nome utente');
        const changes: OperatorAccountChanges = {};
        if (args.role !== undefined) {
          if (!isOperatorRole(args.role))
            throw new CliUsageError(`--role deve essere ${OPERATOR_ROLES.join(' o ')}`);
          changes.role = args.role;
        }
        if (args.display !== undefined) changes.displayName = args.display;
        if (queues) changes.queues = queues;
        if (Object.keys(changes).length === 0)
          throw new CliUsageError('Indica cosa cambiare: --role, --display o --queues');
        if (!(await accounts.get(args.name))) throw new OperatorNotFoundError(args.name);
        const updated = await accounts.update(args.name, changes);
        await onAccountChanged(updated.username);
        say(
          `Aggiornato ${updated.username} (${updated.role}, "${updated.displayName}", code: ${queuesLabel(updated.queues)})`,
        );
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
        for (const a of all) say(`${a.username}\t${a.role}\t${a.displayName}\t${queuesLabel(a.queues)}`);
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
    else if (err instanceof UnknownQueueError)
      io.stderr.write(
        `Coda sconosciuta: "${err.queue}". Le code di config/handoff.yaml sono: ${err.knownQueues.join(', ')}\n`,
      );
    else throw err;
    return 1;
  }
}
