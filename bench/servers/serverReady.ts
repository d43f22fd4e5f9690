import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** Message a bench server sends its parent (IPC) once it listens. */
export interface ServerReadyMessage {
  ready: true;
  port: number;
}

/** Tells the runner which port the server listens on, and exits cleanly on SIGTERM (so --cpu-prof writes). */
export function announce(server: Server, stop: () => Promise<void> = async () => undefined): void {
  const port = (server.address() as AddressInfo).port;
  const message: ServerReadyMessage = { ready: true, port };
  if (process.send) process.send(message);
  else process.stdout.write(`listening on ${port}\n`);
  process.once('SIGTERM', () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
