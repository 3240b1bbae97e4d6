// Joins a node on /hubs/live with the real @microsoft/signalr client and prints one JSON line per event:
// {"type":"snapshot",...} then {"type":"delta",...}; on a sequence gap it re-syncs with GetSnapshot
// ({"type":"resync",...}). Exits after `deltas` deltas or `timeoutMs`.
// Usage: node live-client.mjs <baseUrl> <apiKey> <nodeCode> [deltas=2] [timeoutMs=20000]
import * as signalR from "@microsoft/signalr";

const [baseUrl, apiKey, nodeCode, wanted = "2", timeoutMs = "20000"] = process.argv.slice(2);
const print = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");

const connection = new signalR.HubConnectionBuilder()
  .withUrl(new URL("/hubs/live", baseUrl).toString(), {
    headers: { "X-Api-Key": apiKey },
    transport: signalR.HttpTransportType.WebSockets,
    skipNegotiation: false,
  })
  .configureLogging(process.env.LIVE_CLIENT_TRACE ? signalR.LogLevel.Trace : signalR.LogLevel.Warning)
  .build();

let last = null;
let received = 0;
const done = (code) => connection.stop().finally(() => process.exit(code));
setTimeout(() => { print({ type: "timeout" }); done(2); }, Number(timeoutMs));

connection.on("Delta", async (delta) => {
  if (process.env.LIVE_CLIENT_DEBUG) print({ type: "raw", sequence: delta.sequence, last });
  if (last === null || delta.sequence <= last) return;        // before the snapshot, or already covered
  if (delta.sequence !== last + 1) {                           // a gap: re-sync from the snapshot
    const snapshot = await connection.invoke("GetSnapshot", nodeCode);
    last = snapshot.sequence;
    print({ type: "resync", sequence: snapshot.sequence, received: snapshot.metrics.today.received });
    return;
  }
  last = delta.sequence;
  received++;
  print({ type: "delta", sequence: delta.sequence, received: delta.metrics.today.received, kinds: delta.changes.map((c) => c.kind) });
  if (received >= Number(wanted)) done(0);
});

try {
  await connection.start();
  const snapshot = await connection.invoke("Join", nodeCode);
  last = snapshot.sequence;
  print({ type: "snapshot", sequence: snapshot.sequence, received: snapshot.metrics.today.received, node: snapshot.metrics.code });
} catch (error) {
  print({ type: "error", message: String(error && error.message || error) });
  process.exit(1);
}
