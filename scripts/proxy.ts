// A loopback TCP proxy that can be switched off: the tests' way to "block the port" of the CRM
// server for one client while others keep working. Off = open connections are cut and new
// ones are refused (reset), exactly what a dropped network looks like to fetch and WebSocket.
import net from 'node:net';

export interface SwitchableProxy {
  port: number;
  set(online: boolean): void;
  close(): void;
}

export function startSwitchableProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<SwitchableProxy> {
  let online = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    if (!online) return void s.destroy();
    const up = net.connect(targetPort, targetHost);
    sockets.add(s).add(up);
    s.pipe(up).pipe(s);
    const gone = () => {
      s.destroy();
      up.destroy();
      sockets.delete(s);
      sockets.delete(up);
    };
    s.on('error', gone).on('close', gone);
    up.on('error', gone).on('close', gone);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        set(on) {
          online = on;
          if (!on) for (const s of sockets) s.destroy();
        },
        close() {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    ),
  );
}
