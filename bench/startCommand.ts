import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The shape of package.json "start": Node options first, then the caller's NODE_OPTIONS, then
 * the V8 flags node accepts only on its command line (not in NODE_OPTIONS).
 */
const START =
  /^NODE_OPTIONS="([^"$`\\]*?)\s*\$NODE_OPTIONS" (?:exec )?node((?: --[a-z0-9-]+(?:=[a-z0-9.]+)?)*) dist\/index\.js$/;

/** How `npm start` runs the service. */
export interface StartCommand {
  /** What goes before the caller's NODE_OPTIONS, e.g. the heap limit. */
  nodeOptions: string;
  /** Flags on node's command line, before the script, e.g. the heap growth. */
  nodeFlags: string[];
}

/**
 * Reads package.json's `"start": "NODE_OPTIONS=\"<options> $NODE_OPTIONS\" exec node <flags>
 * dist/index.js"`. Throws when "start" has another shape: the bench must run its servers as the
 * service is shipped, so it must be told.
 */
export function parseStartCommand(start: string): StartCommand {
  const match = START.exec(start.trim());
  if (!match) {
    throw new Error(
      `package.json "start" is not NODE_OPTIONS="<options> $NODE_OPTIONS" exec node [flags] dist/index.js: ${start}`,
    );
  }
  return { nodeOptions: (match[1] ?? '').trim(), nodeFlags: (match[2] ?? '').split(' ').filter(Boolean) };
}

/** `npm start`'s command, from the package.json under `root`. */
export function startCommand(root: string): StartCommand {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  return parseStartCommand(pkg.scripts?.start ?? '');
}

/**
 * NODE_OPTIONS as `npm start`'s shell builds it for the service, from the caller's own: the
 * shipped options first, so the caller's (later on the line) win.
 */
export function startNodeOptions(root: string, callerNodeOptions = process.env.NODE_OPTIONS ?? ''): string {
  return `${startCommand(root).nodeOptions} ${callerNodeOptions}`;
}
