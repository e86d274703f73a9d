// Drives one load scenario against running BlazorChat nodes; tools/loadtest/run.sh starts
// everything and calls this once per scenario. Usage:
//   node loadtest.mjs SCENARIO --urls http://127.0.0.1:5000[,http://...] --seed seed.json --pids PID[,PID]
//        [--seconds N] [--scale F] [--db LABEL] [--results FILE]
// SCENARIO: fanout | large-room | ingest | circuits | history. --scale shrinks client counts and
// rates for a quick try (0.1 = a tenth). Each result row is appended to FILE as one JSON line.
import { appendFileSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as signalR from '@microsoft/signalr';
import { DeliveryLedger, cpuPercent, mb, ms, now, paced, processSample, summarize } from './stats.mjs';

const args = parseArgs(process.argv.slice(2));
const scenario = args._[0];
const urls = (args.urls ?? '').split(',').filter(Boolean);
const seed = JSON.parse(readFileSync(args.seed, 'utf8'));
const pids = (args.pids ?? '').split(',').filter(Boolean).map(Number);
const seconds = Number(args.seconds ?? 20);
const scale = Number(args.scale ?? 1);
const db = args.db ?? '?';
const rooms = { small: seed.rooms.filter((r) => r.kind === 'small'), large: seed.rooms.find((r) => r.kind === 'large'), history: seed.rooms.find((r) => r.kind === 'history') };
const log = (text) => console.log(`[loadtest ${scenario}/${db}] ${text}`);

function parseArgs(list) {
    const parsed = { _: [] };
    for (let i = 0; i < list.length; i++) {
        if (list[i].startsWith('--')) parsed[list[i].slice(2)] = list[++i];
        else parsed._.push(list[i]);
    }
    return parsed;
}

/** Appends a result row: what was measured, the figure, the target and whether it was met. */
function result(figure, value, target = '', met = null) {
    const row = { scenario, db, nodes: urls.length, figure, value, target, met };
    log(`${figure}: ${value}${target ? ` (target ${target}${met === null ? '' : met ? ', met' : ', MISSED'})` : ''}`);
    if (args.results) appendFileSync(args.results, JSON.stringify(row) + '\n');
}

// ---- server process ---------------------------------------------------------------------------

const serverSample = () => pids.map(processSample);
function serverUsage(before, after) {
    const cpu = pids.map((_, i) => cpuPercent(before[i], after[i]));
    const rss = after.map((s) => s?.rssBytes ?? 0);
    return `${cpu.map((c) => `${c.toFixed(0)} %`).join(' + ')} CPU, ${rss.map((r) => `${mb(r)} MB`).join(' + ')} RSS`;
}

/** Heap and working set of every node after a forced full collection (the benchmark-only endpoint). */
async function serverMemory() {
    const readings = await Promise.all(urls.map(async (url) => {
        const response = await fetch(`${url}/_bench/memory`, { method: 'POST' });
        if (!response.ok) throw new Error(`${url}/_bench/memory answered ${response.status}: start the app with BlazorChat__Benchmark__Diagnostics=true`);
        return response.json();
    }));
    return readings.reduce((sum, r) => ({ gcHeapBytes: sum.gcHeapBytes + r.gcHeapBytes, workingSetBytes: sum.workingSetBytes + r.workingSetBytes }),
        { gcHeapBytes: 0, workingSetBytes: 0 });
}

// ---- hub clients ------------------------------------------------------------------------------

/** Opens hub connections for the given seeded people (index i goes to node i mod nodes), at most `parallel` at a time. */
async function connectClients(userIndexes, onMessage, parallel = 50) {
    const clients = new Array(userIndexes.length);
    let next = 0;
    const worker = async () => {
        while (next < userIndexes.length) {
            const i = next++;
            const user = seed.users[userIndexes[i]];
            const connection = new signalR.HubConnectionBuilder()
                .withUrl(`${urls[i % urls.length]}/hubs/chat`, { accessTokenFactory: () => user.token, transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
                .configureLogging(signalR.LogLevel.None)
                .build();
            connection.serverTimeoutInMilliseconds = 120_000;
            const client = { id: i, userIndex: userIndexes[i], connection };
            if (onMessage) connection.on('messagePosted', (message) => onMessage(client, message));
            for (let attempt = 1; ; attempt++) {
                try {
                    await connection.start();
                    break;
                } catch (error) {
                    if (attempt >= 5) throw new Error(`client ${i} could not connect: ${error}`);
                    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
                }
            }
            clients[i] = client;
        }
    };
    const started = now();
    await Promise.all(Array.from({ length: parallel }, worker));
    log(`${clients.length} hub connections open in ${((now() - started) / 1000).toFixed(1)} s`);
    return clients;
}

async function subscribeAll(clients, roomOf, parallel = 50) {
    let next = 0;
    await Promise.all(Array.from({ length: parallel }, async () => {
        while (next < clients.length) {
            const client = clients[next++];
            client.roomId = roomOf(client);
            await client.connection.invoke('SubscribeRoom', client.roomId);
        }
    }));
}

async function closeAll(clients) {
    await Promise.all(clients.filter(Boolean).map((c) => c.connection.stop().catch(() => {})));
}

/** Waits until `done()` or `timeoutMs` passed. */
async function drain(done, timeoutMs) {
    const deadline = now() + timeoutMs;
    while (!done() && now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

// ---- fan-out and large room: deliveries, losses, duplicates, latency --------------------------

/**
 * `count` clients follow their rooms; messages go out at `rate` a second from clients in turn
 * (so no one nears the per-person limit); every follower of the room should get each one once.
 */
async function delivery({ userIndexes, roomOf, rate, measureIdle }) {
    let ledger = new DeliveryLedger();
    const senderOf = new Map(); // message key -> the client that sent it (whose own copy is not timed)
    const idleBefore = measureIdle ? await serverMemory() : null;
    const clients = await connectClients(userIndexes,
        (client, message) => ledger.received(message.clientMessageId, client.id, now(), senderOf.get(message.clientMessageId)));
    await subscribeAll(clients, roomOf);
    if (measureIdle) {
        const idleAfter = await serverMemory();
        const perConnection = (idleAfter.gcHeapBytes - idleBefore.gcHeapBytes) / clients.length;
        const perConnectionRss = (idleAfter.workingSetBytes - idleBefore.workingSetBytes) / clients.length;
        result('idle hub connection (GC heap / RSS per connection)', `${(perConnection / 1024).toFixed(1)} KB / ${(perConnectionRss / 1024).toFixed(1)} KB`,
            '≤ 30 KB', perConnection <= 30 * 1024);
    }
    const followers = new Map();
    for (const client of clients) {
        if (!followers.has(client.roomId)) followers.set(client.roomId, []);
        followers.get(client.roomId).push(client.id);
    }

    let sendErrors = 0;
    const send = (secs) => paced(rate, secs, (k) => {
        const sender = clients[(k * 7919) % clients.length]; // a stride that visits every client in turn
        const key = randomUUID();
        senderOf.set(key, sender.id);
        ledger.sent(key, now(), followers.get(sender.roomId));
        sender.connection.invoke('SendMessage', sender.roomId, { body: `load ${k}`, clientMessageId: key })
            .catch((error) => { sendErrors++; ledger.failed(key); if (sendErrors <= 3) log(`send failed: ${error.message}`); });
    });
    // A few seconds unmeasured first: the server compiles its hot paths and fills its pools.
    await send(Math.min(5, Math.max(2, seconds / 5)));
    await drain(() => ledger.report().lost === 0, 10_000);
    ledger = new DeliveryLedger();
    sendErrors = 0;

    const before = serverSample();
    const started = now();
    await send(seconds);
    const sendSeconds = (now() - started) / 1000;
    const after = serverSample();
    await drain(() => ledger.report().lost === 0, 10_000);
    const report = ledger.report();
    await closeAll(clients);
    const cpuMsPerMessage = pids.reduce((sum, _, i) => sum + (after[i].cpuSeconds - before[i].cpuSeconds), 0) * 1000 / Math.max(1, report.messages);
    return { report, sendErrors, rateSent: report.messages / sendSeconds, deliveriesPerSecond: report.delivered / sendSeconds,
        usage: `${serverUsage(before, after)}, ${cpuMsPerMessage.toFixed(2)} ms CPU per message` };
}

async function fanout() {
    const perRoom = seed.rooms.find((r) => r.kind === 'small').members.length;
    const roomCount = Math.max(1, Math.round(50 * scale));
    const userIndexes = rooms.small.slice(0, roomCount).flatMap((r) => r.members);
    const roomOfUser = new Map(rooms.small.flatMap((r) => r.members.map((u) => [u, r.id])));
    const rate = 200 * scale;
    log(`${userIndexes.length} clients in ${roomCount} rooms of ${perRoom}, ${rate} messages/s for ${seconds} s`);
    const { report, sendErrors, rateSent, deliveriesPerSecond, usage } = await delivery({ userIndexes, roomOf: (c) => roomOfUser.get(c.userIndex), rate, measureIdle: true });
    log(`sent ${report.messages} (${sendErrors} refused), ${report.delivered}/${report.expected} deliveries, ${usage}`);
    const { latency } = report;
    result('clients / messages per s / deliveries per s', `${userIndexes.length} / ${rateSent.toFixed(0)} / ${deliveriesPerSecond.toFixed(0)}`);
    result('lost / duplicated / refused sends', `${report.lost} / ${report.duplicated} / ${sendErrors}`, '0 / 0', report.lost === 0 && report.duplicated === 0 && sendErrors === 0);
    result('send-to-receive p50 / p95 / p99 (ms)', `${ms(latency.p50)} / ${ms(latency.p95)} / ${ms(latency.p99)}`, 'p50 < 10, p99 < 50',
        latency.p50 < 10 && latency.p99 < 50);
    result('server CPU, RSS', usage);
}

async function largeRoom() {
    const members = Math.round(rooms.large.members.length * scale);
    const userIndexes = rooms.large.members.slice(0, members);
    log(`${members} clients in one room, 10 messages/s for ${seconds} s`);
    const { report, sendErrors, deliveriesPerSecond, usage } = await delivery({ userIndexes, roomOf: () => rooms.large.id, rate: 10, measureIdle: true });
    log(`sent ${report.messages} (${sendErrors} refused), ${report.delivered}/${report.expected} deliveries, ${usage}`);
    const last = report.toLastRecipient;
    result('members / deliveries per s', `${members} / ${deliveriesPerSecond.toFixed(0)}`);
    result('lost / duplicated / refused sends', `${report.lost} / ${report.duplicated} / ${sendErrors}`, '0 / 0', report.lost === 0 && report.duplicated === 0 && sendErrors === 0);
    result('send-to-receive p50 / p95 / p99 (ms)', `${ms(report.latency.p50)} / ${ms(report.latency.p95)} / ${ms(report.latency.p99)}`);
    result('to the last recipient p50 / p99 (ms)', `${ms(last.p50)} / ${ms(last.p99)}`, 'p99 < 250', last.p99 < 250);
    result('server CPU, RSS', usage);
}

// ---- ingest: the highest persisted rate with p99 under 100 ms ---------------------------------

async function ingest() {
    const userIndexes = rooms.small.flatMap((r) => r.members).slice(0, Math.max(20, Math.round(1000 * scale)));
    const roomOfUser = new Map(rooms.small.flatMap((r) => r.members.map((u) => [u, r.id])));
    const clients = await connectClients(userIndexes, null);
    const steps = [250, 500, 1000, 1500, 2000, 2500, 3000, 4000, 5000].map((r) => Math.round(r * Math.max(scale, 0.2)));
    const stepSeconds = Math.max(5, Math.round(seconds / 2));
    let best = null;
    // Unmeasured warm-up at the first step's rate.
    const warmUp = [];
    await paced(steps[0], 3, (k) => {
        const client = clients[(k * 7919) % clients.length];
        warmUp.push(client.connection.invoke('SendMessage', roomOfUser.get(client.userIndex), { body: `warm-up ${k}` }).catch(() => {}));
    });
    await Promise.all(warmUp);
    for (const rate of steps) {
        if (rate / clients.length > 8) break; // the per-person limit (10 a second) would refuse sends, not the server
        const latencies = [];
        let errors = 0, inFlight = 0;
        const before = serverSample();
        const started = now();
        await paced(rate, stepSeconds, (k) => {
            const client = clients[(k * 7919) % clients.length];
            const sentAt = now();
            inFlight++;
            client.connection.invoke('SendMessage', roomOfUser.get(client.userIndex), { body: `ingest ${rate} ${k}`, clientMessageId: randomUUID() })
                .then(() => latencies.push(now() - sentAt), (error) => { errors++; if (errors <= 3) log(`send failed: ${error.message}`); })
                .finally(() => inFlight--);
        });
        await drain(() => inFlight === 0, 30_000);
        const elapsed = (now() - started) / 1000;
        const after = serverSample();
        const stats = summarize(latencies);
        const persisted = latencies.length / elapsed;
        const cpuMs = pids.reduce((sum, _, i) => sum + (after[i].cpuSeconds - before[i].cpuSeconds), 0) * 1000 / Math.max(1, latencies.length);
        log(`step ${rate}/s: ${latencies.length} stored (${persisted.toFixed(0)}/s), ${errors} refused, p50 ${ms(stats.p50)} p99 ${ms(stats.p99)} ms, ${serverUsage(before, after)}, ${cpuMs.toFixed(2)} ms CPU per stored message`);
        const held = stats.p99 < 100 && errors === 0 && inFlight === 0 && persisted >= rate * 0.9;
        if (held) best = { rate, persisted, stats, usage: `${serverUsage(before, after)}, ${cpuMs.toFixed(2)} ms CPU per message` };
        else break;
    }
    await closeAll(clients);
    const target = db === 'postgres' ? '≥ 2,000/s with p99 < 100 ms' : '';
    if (best) {
        result('highest sustained rate held (persisted/s, p50 / p99 ms)', `${best.rate} (${best.persisted.toFixed(0)}/s, ${ms(best.stats.p50)} / ${ms(best.stats.p99)})`,
            target, target ? best.rate >= 2000 : null);
        result('server CPU, RSS at that rate', best.usage);
    } else {
        result('highest sustained rate held', `below ${steps[0]}/s`, target, target ? false : null);
    }
}

// ---- history: the newest page and one 1,000 pages back ----------------------------------------

async function history() {
    const room = rooms.history;
    const token = seed.users[room.members[0]].token;
    const pageSize = 50;
    const iterations = Math.max(20, Math.round(200 * Math.min(1, scale * 2)));
    const deepBefore = Math.max(1, room.lastSeq - pageSize * 1000 + 1);
    const time = async (query) => {
        const latencies = [];
        for (let i = 0; i < iterations + 10; i++) {
            const started = now();
            const response = await fetch(`${urls[i % urls.length]}/api/v1/rooms/${room.id}/messages?limit=${pageSize}${query}`, { headers: { Authorization: `Bearer ${token}` } });
            const page = await response.json();
            if (!response.ok || page.messages.length !== pageSize) throw new Error(`history page failed: ${response.status} ${JSON.stringify(page).slice(0, 200)}`);
            if (i >= 10) latencies.push(now() - started); // the first ten warm up
        }
        return summarize(latencies);
    };
    log(`${iterations} requests each, room of ${room.lastSeq.toLocaleString('en')} messages, pages of ${pageSize}`);
    const newest = await time('');
    const deep = await time(`&before=${deepBefore}`);
    result('newest page p50 / p95 (ms)', `${ms(newest.p50)} / ${ms(newest.p95)}`, 'p95 < 10', newest.p95 < 10);
    result(`page 1,000 back (before=${deepBefore}) p50 / p95 (ms)`, `${ms(deep.p50)} / ${ms(deep.p95)}`, 'p95 < 10', deep.p95 < 10);
}

// ---- circuits: browser tabs showing a room ---------------------------------------------------

async function circuits() {
    const { chromium } = await import('playwright-core');
    const tabs = Math.max(2, Math.round(50 * scale));
    const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
            '--disable-quic', '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'],
    });
    try {
        const roomOfUser = new Map(rooms.small.flatMap((r) => r.members.map((u) => [u, r])));
        const people = rooms.small.flatMap((r) => r.members).slice(0, tabs);
        const before = await serverMemory();
        const pages = [];
        const started = now();
        // Sign in a few at a time: each sign-in verifies a password hash, which is meant to be slow.
        for (let i = 0; i < people.length; i += 5) {
            pages.push(...await Promise.all(people.slice(i, i + 5).map(async (userIndex, j) => {
                const url = urls[(i + j) % urls.length];
                const context = await browser.newContext({ baseURL: url });
                const page = await context.newPage();
                await page.goto('/Account/Login');
                await page.fill('#Input\\.Login', seed.users[userIndex].username);
                await page.fill('#Input\\.Password', seed.password);
                await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/Account/Login'), { timeout: 60_000 }), page.click('button[type=submit]')]);
                const room = roomOfUser.get(userIndex);
                await page.goto(`/r/${room.slug}`);
                await page.locator('[role=log][aria-label=Messages]').waitFor({ timeout: 60_000 });
                // Records when each load message first appears in the page (its text is "load-N-<key>").
                await page.evaluate(() => {
                    window.__seen = {};
                    new MutationObserver((mutations) => {
                        const at = performance.timeOrigin + performance.now();
                        for (const mutation of mutations)
                            for (const node of mutation.addedNodes)
                                for (const match of (node.textContent ?? '').matchAll(/vis-(\d+)/g))
                                    window.__seen[match[1]] ??= at;
                    }).observe(document.body, { childList: true, subtree: true, characterData: true });
                });
                return { page, context, room, userIndex };
            })));
        }
        log(`${pages.length} tabs showing their rooms after ${((now() - started) / 1000).toFixed(1)} s`);
        // Let the circuits finish their first renders and subscriptions before reading memory.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const after = await serverMemory();
        const perCircuit = (after.gcHeapBytes - before.gcHeapBytes) / pages.length;
        const perCircuitRss = (after.workingSetBytes - before.workingSetBytes) / pages.length;
        result('memory per idle circuit showing a room (GC heap / RSS)', `${(perCircuit / 1024).toFixed(0)} KB / ${(perCircuitRss / 1024).toFixed(0)} KB`,
            '≤ 400 KB', perCircuit <= 400 * 1024);

        // Senders: a hub connection for one person of each room with tabs.
        const shownRooms = [...new Map(pages.map((p) => [p.room.id, p.room])).values()];
        const senders = await connectClients(shownRooms.map((r) => r.members[0]), null, 5);
        const sentAt = new Map();
        let sendErrors = 0;
        const rate = 5;
        const before2 = serverSample();
        await paced(rate, seconds, (k) => {
            const sender = senders[k % senders.length];
            sentAt.set(String(k), { at: now(), roomId: shownRooms[k % senders.length].id });
            sender.connection.invoke('SendMessage', shownRooms[k % senders.length].id, { body: `vis-${k}` }).catch(() => sendErrors++);
        });
        const after2 = serverSample();
        const expected = (page) => [...sentAt.entries()].filter(([, s]) => s.roomId === page.room.id).map(([k]) => k);
        await drain(() => false, 3000);
        const latencies = [];
        let missing = 0;
        for (const tab of pages) {
            const seen = await tab.page.evaluate(() => window.__seen);
            for (const key of expected(tab)) {
                if (seen[key] === undefined) missing++;
                else latencies.push(seen[key] - sentAt.get(key).at);
            }
        }
        const stats = summarize(latencies);
        result('send-to-visible p50 / p95 / p99 (ms), not shown', `${ms(stats.p50)} / ${ms(stats.p95)} / ${ms(stats.p99)}, ${missing} of ${latencies.length + missing}`,
            'p99 < 100', stats.p99 < 100 && missing === 0);
        result('server CPU, RSS while sending', serverUsage(before2, after2));
        await closeAll(senders);
        await Promise.all(pages.map((p) => p.context.close()));
    } finally {
        await browser.close();
    }
}

const scenarios = { fanout, 'large-room': largeRoom, ingest, circuits, history };
if (!scenarios[scenario]) {
    console.error(`unknown scenario ${scenario}; one of ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
}
try {
    await scenarios[scenario]();
    process.exit(0);
} catch (error) {
    console.error(`[loadtest ${scenario}/${db}] failed: ${error.stack ?? error}`);
    result('error', String(error.message ?? error).slice(0, 200), '', false);
    process.exit(1);
}
