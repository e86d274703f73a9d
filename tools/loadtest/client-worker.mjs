// One worker thread of hub clients (tools/loadtest/clients.mjs starts them). Each worker holds a
// share of the connections, sends its share of the messages and keeps its own ReceiptLedger; the
// main thread merges the answers. A connection that drops reconnects (withAutomaticReconnect, or a
// fresh start after a close), follows its room again and resyncs it by Seq through the API, as a
// real client does; what the resync fetches counts as recovered, not live.
import { parentPort } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import * as signalR from '@microsoft/signalr';
import { ReceiptLedger, loadBody, now, paced, parseLoadBody } from './stats.mjs';

const clients = [];
let followers = {};          // roomId -> followers of the room over every worker
let ledger = new ReceiptLedger();
let phase = '';
let stopping = false;
let sent = [];               // { key, roomId, sentAt, ok } of this phase (ok: null while the answer is pending)
let counters = freshCounters();

function freshCounters() {
    return { reconnects: 0, restarts: 0, resyncs: 0, resyncRequests: 0, resyncErrors: 0, connectionFailures: 0, refused: 0, resent: 0 };
}
const errorSamples = [];
const noteError = (text) => { if (errorSamples.length < 5) errorSamples.push(text); };
const sleep = (msDelay) => new Promise((resolve) => setTimeout(resolve, msDelay));

parentPort.on('message', async ({ id, cmd, args }) => {
    try {
        const { result, transfer } = (await commands[cmd](args ?? {})) ?? {};
        parentPort.postMessage({ id, ok: true, result }, transfer ?? []);
    } catch (error) {
        parentPort.postMessage({ id, ok: false, error: String(error?.stack ?? error) });
    }
});

// ---- connections -------------------------------------------------------------------------------

function build(client, listen) {
    const connection = new signalR.HubConnectionBuilder()
        .withUrl(`${client.url}/hubs/chat`, { accessTokenFactory: () => client.token, transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
        // Keeps trying until the scenario ends, with a growing, jittered delay (not all at once).
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (retry) => (stopping ? null : Math.min(5000, 250 * 2 ** retry.previousRetryCount) + Math.random() * 500) })
        .configureLogging(signalR.LogLevel.None)
        .build();
    // The server pings every 15 s; a busy server is given longer than the default 30 s before the client gives up on it.
    connection.serverTimeoutInMilliseconds = 120_000;
    if (listen) connection.on('messagePosted', (message) => onMessage(client, message));
    connection.onreconnecting(() => { client.down = true; });
    connection.onreconnected(() => { counters.reconnects++; void recover(client); });
    connection.onclose(() => { if (!stopping) void restart(client); });
    client.connection = connection;
}

async function start(client) {
    for (let attempt = 1; ; attempt++) {
        try {
            await client.connection.start();
            return;
        } catch (error) {
            if (attempt >= 5 || stopping) throw new Error(`client ${client.id} could not connect: ${error}`);
            await sleep(500 * attempt);
        }
    }
}

/** A connection closed for good (no automatic reconnect): start it again, then recover. */
async function restart(client) {
    counters.restarts++;
    client.down = true;
    for (let attempt = 1; !stopping; attempt++) {
        try {
            await client.connection.start();
            await recover(client);
            return;
        } catch {
            await sleep(Math.min(5000, 250 * 2 ** attempt) + Math.random() * 500);
        }
    }
}

/** After a reconnect: follow the room again, fetch what came after the last Seq, resend what failed meanwhile. */
async function recover(client) {
    client.down = true;
    client.recovering = (client.recovering ?? 0) + 1;
    try {
        if (client.roomId && client.listen) {
            await client.connection.invoke('SubscribeRoom', client.roomId);
            await resync(client);
        }
        const outbox = client.outbox.splice(0);
        for (const entry of outbox) send(client, entry, true);
    } catch (error) {
        counters.resyncErrors++;
        noteError(`resync: ${error.message ?? error}`);
    } finally {
        client.recovering--;
        client.down = client.connection.state !== signalR.HubConnectionState.Connected || client.recovering > 0;
    }
}

/** Pages through the room after the client's last Seq, as a reconnecting client does. */
async function resync(client) {
    counters.resyncs++;
    for (let attempt = 0, more = true, from = client.lastSeq; more && !stopping;) {
        counters.resyncRequests++;
        const response = await fetch(`${client.url}/api/v1/rooms/${client.roomId}/messages?after=${from}&limit=200`,
            { headers: { Authorization: `Bearer ${client.token}` } });
        if (!response.ok) {
            if (++attempt > 5) throw new Error(`resync answered ${response.status}`);
            await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
            continue;
        }
        const page = await response.json();
        let after = client.lastSeq;
        for (const message of page.messages) {
            seen(client, message.seq);
            after = Math.max(after, message.seq);
            const tag = parseLoadBody(message.body);
            if (tag?.phase === phase) ledger.recovered(message.clientMessageId, client.id);
        }
        more = page.hasMore && page.messages.length > 0;
        from = after;
    }
}

/**
 * Keeps the client's Seq mark: the highest Seq up to which it has every message of its room. Live
 * messages may come out of order (two sends publish concurrently), so a higher one is held aside
 * until the gap below it fills; a resync starts after the mark and so also fetches what a dropped
 * connection lost below a message that did arrive.
 */
function seen(client, seq) {
    if (seq <= client.lastSeq) return;
    if (seq !== client.lastSeq + 1) { client.ahead.add(seq); return; }
    client.lastSeq = seq;
    while (client.ahead.delete(client.lastSeq + 1)) client.lastSeq++;
}

function onMessage(client, message) {
    const at = now();
    if (message.roomId === client.roomId) seen(client, message.seq);
    const tag = parseLoadBody(message.body);
    if (!tag || tag.phase !== phase) return; // another phase's straggler
    ledger.live(message.clientMessageId, client.id, at, tag.sentAt, tag.sender, message.roomId === client.roomId);
}

// ---- sending -----------------------------------------------------------------------------------

// The server's refusals come back as a HubException; anything else is the connection failing under the send.
const isConnectionError = (error) => !/HubException|on the server/i.test(String(error?.message ?? error));

/** Sends one message; a send lost with its connection waits in the client's outbox and goes again (same id) after the reconnect. */
function send(client, entry, retry = false) {
    if (retry) counters.resent++;
    client.connection.invoke('SendMessage', client.roomId, { body: entry.body, clientMessageId: entry.record.key })
        .then(() => { entry.record.ok = true; }, (error) => {
            if (isConnectionError(error) && !stopping && !entry.resentOnce) {
                entry.resentOnce = true;
                // Back already (the answer came after the reconnect): send again now; else after the recovery.
                if (client.connection.state === signalR.HubConnectionState.Connected && !client.recovering) send(client, entry, true);
                else client.outbox.push(entry);
                return;
            }
            entry.record.ok = false;
            if (isConnectionError(error)) counters.connectionFailures++;
            else counters.refused++;
            noteError(`send: ${error.message ?? error}`);
        });
}

// ---- commands from the main thread -------------------------------------------------------------

const commands = {
    /** Opens this worker's connections, `parallel` at a time, and follows each client's room when `listen`. */
    async connect({ assignments, listen, parallel, roomFollowers }) {
        followers = roomFollowers ?? {};
        let next = 0;
        const roomSeq = {};
        await Promise.all(Array.from({ length: parallel }, async () => {
            while (next < assignments.length) {
                const client = { ...assignments[next++], lastSeq: 0, ahead: new Set(), down: false, outbox: [], listen };
                build(client, listen);
                await start(client);
                if (listen && client.roomId) {
                    const room = await client.connection.invoke('SubscribeRoom', client.roomId);
                    client.lastSeq = room.lastSeq;
                    roomSeq[client.roomId] = Math.min(roomSeq[client.roomId] ?? Infinity, room.lastSeq);
                }
                clients.push(client);
            }
        }));
        return { result: { connected: clients.length, roomSeq } };
    },

    /** Starts a new phase: a fresh ledger and counters; receipts of other phases are ignored from now on. */
    async phase({ name }) {
        phase = name;
        ledger = new ReceiptLedger();
        sent = [];
        counters = freshCounters();
        errorSamples.length = 0;
    },

    /** Sends at `rate` a second for `seconds`, from this worker's clients in turn. */
    async send({ rate, seconds }) {
        await paced(rate, seconds, (k) => {
            const client = clients[(k * 7919) % clients.length]; // a stride that visits every client in turn
            const sentAt = now();
            const record = { key: randomUUID(), roomId: client.roomId, sentAt, ok: null };
            sent.push(record);
            send(client, { record, body: loadBody(phase, sentAt, client.id, k) });
        });
    },

    /** Counts for the drain: receipts so far against what is expected, and what is still moving. */
    async progress() {
        let expected = 0, pendingSends = 0;
        for (const record of sent) {
            if (record.ok === false) continue;
            if (record.ok === null) pendingSends++;
            expected += followers[record.roomId] ?? 0;
        }
        return { result: { expected, received: ledger.received, pendingSends, down: clients.filter((c) => c.down).length,
            outbox: clients.reduce((n, c) => n + c.outbox.length, 0) } };
    },

    /** Everything of this phase for the merge. */
    async collect() {
        const summary = ledger.summary();
        return { result: { sent: sent.map((r) => ({ ...r, ok: r.ok === true })), ...summary, counters: { ...counters }, errors: [...errorSamples] },
            transfer: [summary.latencies.buffer] };
    },

    /** One ingest step: sends at `rate` for `seconds` and times each SendMessage to its answer. */
    async ingest({ rate, seconds, label }) {
        const latencies = [];
        let errors = 0, inFlight = 0;
        await paced(rate, seconds, (k) => {
            const client = clients[(k * 7919) % clients.length];
            const sentAt = now();
            inFlight++;
            client.connection.invoke('SendMessage', client.roomId, { body: `ingest ${label} ${k}`, clientMessageId: randomUUID() })
                .then(() => latencies.push(now() - sentAt), (error) => { errors++; noteError(`send: ${error.message ?? error}`); })
                .finally(() => inFlight--);
        });
        const deadline = now() + 30_000;
        while (inFlight > 0 && now() < deadline) await sleep(50);
        const samples = Float64Array.from(latencies);
        return { result: { latencies: samples, errors, inFlight, errorSamples: errorSamples.splice(0) }, transfer: [samples.buffer] };
    },

    /**
     * Cuts the socket of every `every`-th client under it, as a network drop would (no close
     * handshake), to exercise reconnecting, resyncing and resending; --drop asks for it.
     */
    async drop({ fraction }) {
        let dropped = 0;
        for (const [i, client] of clients.entries()) {
            if (Math.floor((i + 1) * fraction) === Math.floor(i * fraction)) continue;
            const socket = client.connection.connection?.transport?._webSocket;
            if (!socket) continue;
            if (typeof socket.terminate === 'function') socket.terminate();
            else socket.close();
            dropped++;
        }
        return { result: { dropped } };
    },

    async close() {
        stopping = true;
        await Promise.all(clients.map((c) => c.connection.stop().catch(() => {})));
    },
};
