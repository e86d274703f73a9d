// A hub client for the end-to-end tests, on the official SignalR JavaScript client.
// It reads one JSON command per line on stdin and writes one JSON line per outcome on stdout:
//   {"cmd":"connect","url":"http://127.0.0.1:5000/hubs/chat","token":"..."}  -> {"type":"connected"}
//   {"cmd":"invoke","id":1,"method":"SubscribeRoom","args":["<roomId>"]}     -> {"type":"result","id":1,"result":...}
//                                                                               or {"type":"error","id":1,"message":"404: ..."}
//   {"cmd":"stop"}                                                            -> {"type":"closed"} and exit
// Every hub event arrives as {"type":"event","name":"messagePosted","data":...,"at":<ms since epoch>}.
import { createInterface } from 'node:readline';
import * as signalR from '@microsoft/signalr';

const events = ['messagePosted', 'messageChanged', 'typing', 'readMarker', 'membersChanged', 'roomUpdated', 'roomDeleted',
    'roomJoined', 'roomLeft', 'readMarkerMoved', 'mentioned', 'savedMessagesChanged', 'presence', 'resync'];
const write = (message) => process.stdout.write(JSON.stringify(message) + '\n');
let connection = null;

async function handle(command) {
    switch (command.cmd) {
        case 'connect': {
            connection = new signalR.HubConnectionBuilder()
                .withUrl(command.url, { accessTokenFactory: () => command.token, transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
                .configureLogging(signalR.LogLevel.None)
                .build();
            for (const name of events) connection.on(name, (data) => write({ type: 'event', name, data, at: Date.now() }));
            connection.onclose((error) => write({ type: 'closed', error: error ? String(error) : null }));
            try {
                await connection.start();
                write({ type: 'connected' });
            } catch (error) {
                write({ type: 'error', id: 0, message: String(error) });
            }
            break;
        }
        case 'invoke':
            try {
                write({ type: 'result', id: command.id, result: await connection.invoke(command.method, ...(command.args ?? [])) ?? null });
            } catch (error) {
                write({ type: 'error', id: command.id, message: error.message.replace(/^An unexpected error occurred invoking '\w+' on the server\. (HubException: )?/, '') });
            }
            break;
        case 'stop':
            if (connection) await connection.stop();
            process.exit(0);
    }
}

const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
    if (!line.trim()) return;
    const command = JSON.parse(line);
    // Invocations run concurrently (a test may wait on one while events arrive); connect and stop in order.
    if (command.cmd === 'invoke') handle(command);
    else queue = queue.then(() => handle(command));
});
lines.on('close', () => process.exit(0));
