// Drives one load scenario against running BlazorChat nodes; tools/loadtest/run.sh starts
// everything and calls this once per scenario. Usage:
//   node loadtest.mjs SCENARIO --urls http://127.0.0.1:5000[,http://...] --seed seed.json --pids PID[,PID]
//        [--aux NAME=PID,...] [--workers N] [--drop F] [--seconds N] [--scale F] [--db LABEL] [--results FILE]
// SCENARIO: fanout | large-room | ingest | circuits | history. --scale shrinks client counts and
// rates for a quick try (0.1 = a tenth). Hub clients run in --workers worker threads (clients.mjs);
// --aux names other processes whose CPU (with their children) is reported beside the app's, such as
// postgres=PID. --drop F cuts the sockets of that fraction of the fan-out and large-room clients
// halfway through the measured time, to exercise recovery. Each result row is appended to FILE as one JSON line.
import { appendFileSync, readFileSync } from 'node:fs';
import * as signalR from '@microsoft/signalr';
import { ClientPool, defaultWorkers } from './clients.mjs';
import { cpuPercent, mb, mergeDeliveries, ms, now, ownCpuPercent, paced, parseLoadBody, processSample, summarize, concatSamples,
    sumFields, treeCpuPercent, treeSample } from './stats.mjs';

const args = parseArgs(process.argv.slice(2));
const scenario = args._[0];
const urls = (args.urls ?? '').split(',').filter(Boolean);
const seed = JSON.parse(readFileSync(args.seed, 'utf8'));
const pids = (args.pids ?? '').split(',').filter(Boolean).map(Number);
const aux = (args.aux ?? '').split(',').filter(Boolean).map((pair) => { const [name, pid] = pair.split('='); return { name, pid: Number(pid) }; });
const seconds = Number(args.seconds ?? 20);
const scale = Number(args.scale ?? 1);
const db = args.db ?? '?';
const rooms = { small: seed.rooms.filter((r) => r.kind === 'small'), large: seed.rooms.find((r) => r.kind === 'large'), history: seed.rooms.find((r) => r.kind === 'history') };
const log = (text) => console.log(`[loadtest ${scenario}/${db}${urls.length > 1 ? `/${urls.length} nodes` : ''}] ${text}`);
const sleep = (msDelay) => new Promise((resolve) => setTimeout(resolve, msDelay));
const dropFraction = Number(args.drop ?? 0);
const workersFor = (clientCount) => (args.workers ? Math.max(1, Number(args.workers)) : defaultWorkers(clientCount));

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

// ---- who used the cores -----------------------------------------------------------------------

/** A reading of the app nodes, the other processes (--aux, with their children) and this process. */
function usageSample(extraTrees = []) {
    return { nodes: pids.map(processSample), aux: [...aux, ...extraTrees].map((a) => ({ name: a.name, tree: treeSample(a.pid, a) })),
        own: process.cpuUsage(), at: now() };
}

/**
 * CPU (share of one core) and RSS between two readings: the app summed over its nodes (each node in
 * brackets when there are several), then the load client (every worker thread) and the other processes.
 */
function usage(before, after, messages = 0) {
    const cpu = pids.map((_, i) => cpuPercent(before.nodes[i], after.nodes[i]));
    const rss = after.nodes.map((s) => s?.rssBytes ?? 0);
    const cpuSeconds = pids.reduce((sum, _, i) => sum + ((after.nodes[i]?.cpuSeconds ?? 0) - (before.nodes[i]?.cpuSeconds ?? 0)), 0);
    const each = (values, unit) => (values.length > 1 ? ` (${values.map(unit).join(' + ')})` : '');
    let server = `${cpu.reduce((a, b) => a + b, 0).toFixed(0)} % CPU${each(cpu, (c) => c.toFixed(0))}, ` +
        `${mb(rss.reduce((a, b) => a + b, 0))} MB RSS${each(rss, mb)}`;
    if (messages > 0) server += `, ${(cpuSeconds * 1000 / messages).toFixed(2)} ms CPU per message`;
    const own = ownCpuPercent({ user: after.own.user - before.own.user, system: after.own.system - before.own.system }, after.at - before.at);
    const others = [`load client ${own.toFixed(0)} %`,
        ...before.aux.map((a, i) => `${a.name} ${treeCpuPercent(a.tree, after.aux[i].tree).toFixed(0)} %`)].join(', ');
    return { server, others };
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

// ---- hub clients in the main thread (the few senders of the circuits scenario) -----------------

async function connectSenders(userIndexes) {
    return Promise.all(userIndexes.map(async (userIndex, i) => {
        const user = seed.users[userIndex];
        const connection = new signalR.HubConnectionBuilder()
            .withUrl(`${urls[i % urls.length]}/hubs/chat`, { accessTokenFactory: () => user.token, transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
            .withAutomaticReconnect()
            .configureLogging(signalR.LogLevel.None)
            .build();
        connection.serverTimeoutInMilliseconds = 120_000;
        await connection.start();
        return connection;
    }));
}

/** The keys of the load messages of `phase` stored in a room after `afterSeq`, read back through the API. */
async function storedKeys(room, afterSeq, phase, keys) {
    const token = seed.users[room.members[0]].token;
    for (let after = afterSeq, page = 0, more = true; more; page++) {
        const response = await fetch(`${urls[page % urls.length]}/api/v1/rooms/${room.id}/messages?after=${after}&limit=200`, { headers: { Authorization: `Bearer ${token}` } });
        if (response.status === 429) { await sleep(1000); continue; }
        if (!response.ok) throw new Error(`reading back ${room.slug} answered ${response.status}`);
        const body = await response.json();
        for (const message of body.messages) {
            after = Math.max(after, message.seq);
            if (parseLoadBody(message.body)?.phase === phase) keys.add(message.clientMessageId);
        }
        more = body.hasMore && body.messages.length > 0;
    }
}

// ---- fan-out and large room: deliveries, recoveries, losses, duplicates, latency ---------------

/**
 * Waits until every expected receipt came (live or recovered) and nothing is pending, or nothing
 * new arrived for `quietMs` while no client was reconnecting, or `maxMs` passed.
 */
async function drainDeliveries(pool, { quietMs = 5000, maxMs = 60_000 } = {}) {
    const started = now();
    let last = '', lastChange = now(), progress;
    for (;;) {
        progress = await pool.progress();
        const settled = progress.pendingSends === 0 && progress.down === 0 && progress.outbox === 0;
        if (settled && progress.received >= progress.expected) break;
        const moving = `${progress.received}/${progress.pendingSends}/${progress.outbox}`;
        if (moving !== last) { last = moving; lastChange = now(); }
        if (settled && now() - lastChange > quietMs) break;
        if (now() - started > maxMs) break;
        await sleep(200);
    }
    return { ...progress, seconds: (now() - started) / 1000 };
}

/**
 * `userIndexes` clients follow their rooms (`roomOf(userIndex)`); messages go out at `rate` a second
 * from clients in turn (so no one nears the per-person limit); every follower of the room should
 * get each one once, live, or after a reconnect through the resync.
 */
async function delivery({ userIndexes, roomOf, rate, measureIdle }) {
    const assignments = userIndexes.map((userIndex, i) => ({ id: i, token: seed.users[userIndex].token, url: urls[i % urls.length], roomId: roomOf(userIndex) }));
    const roomFollowers = {};
    for (const a of assignments) roomFollowers[a.roomId] = (roomFollowers[a.roomId] ?? 0) + 1;
    const pool = new ClientPool(workersFor(assignments.length));
    try {
        const idleBefore = measureIdle ? await serverMemory() : null;
        const started = now();
        const { roomSeq } = await pool.connect(assignments, { listen: true, roomFollowers });
        log(`${assignments.length} hub connections following their rooms in ${((now() - started) / 1000).toFixed(1)} s (${pool.size} worker threads, ${urls.length} node(s))`);
        if (measureIdle) {
            const idleAfter = await serverMemory();
            const perConnection = (idleAfter.gcHeapBytes - idleBefore.gcHeapBytes) / assignments.length;
            const perConnectionRss = (idleAfter.workingSetBytes - idleBefore.workingSetBytes) / assignments.length;
            result('idle hub connection (GC heap / RSS per connection)', `${(perConnection / 1024).toFixed(1)} KB / ${(perConnectionRss / 1024).toFixed(1)} KB`,
                '≤ 30 KB', perConnection <= 30 * 1024);
        }

        // A few seconds unmeasured first: the server compiles its hot paths and fills its pools.
        await pool.phase('w');
        await pool.send(rate, Math.min(5, Math.max(2, seconds / 5)));
        await drainDeliveries(pool, { quietMs: 2000, maxMs: 10_000 });

        await pool.phase('m');
        const before = usageSample();
        const sending = pool.send(rate, seconds);
        if (dropFraction > 0) {
            // Halfway through, cut some connections as a network drop would (--drop): they reconnect and resync.
            await sleep(seconds * 500);
            log(`cut the connections of ${await pool.drop(dropFraction)} clients`);
        }
        await sending;
        const after = usageSample();
        const sendSeconds = (after.at - before.at) / 1000;
        const drained = await drainDeliveries(pool);
        const parts = await pool.collect();
        const sent = parts.flatMap((p) => p.sent);
        const counters = sumFields(parts.map((p) => p.counters));
        for (const error of new Set(parts.flatMap((p) => p.errors))) log(error);

        // What the server stored, read back, so a send whose answer was lost with its connection still counts.
        const stored = new Set();
        const roomsUsed = [...new Set(assignments.map((a) => a.roomId))];
        await Promise.all(roomsUsed.map((id) => storedKeys(seed.rooms.find((r) => r.id === id), roomSeq[id] ?? 0, 'm', stored)));
        const report = mergeDeliveries({ sent, parts, followers: roomFollowers, stored });
        const { server, others } = usage(before, after, report.messages);
        log(`sent ${sent.length}, stored ${stored.size}; ${report.live} live + ${report.recovered} recovered of ${report.expected} expected; ` +
            `drained in ${drained.seconds.toFixed(1)} s; ${counters.reconnects} reconnects, ${counters.restarts} restarts, ${counters.resyncRequests} resync requests (${counters.resyncErrors} failed), ` +
            `${counters.resent} sends repeated after a reconnect`);
        return { report, counters, sendSeconds, server, others, clients: assignments.length, workers: pool.size };
    } finally {
        await pool.close();
    }
}

/** The rows every delivery scenario reports. */
function deliveryRows({ report, counters }) {
    result('deliveries: live / recovered after a reconnect / lost / duplicated',
        `${report.live} / ${report.recovered} / ${report.lost} / ${report.duplicated} of ${report.expected}`,
        '0 lost, 0 duplicated', report.lost === 0 && report.duplicated === 0);
    result('sends failed (connection down / refused); reconnects',
        `${counters.connectionFailures} / ${counters.refused} of ${report.messages + report.failed}; ${counters.reconnects + counters.restarts} reconnects`,
        '0 / 0', counters.connectionFailures + counters.refused === 0);
}

async function fanout() {
    const perRoom = rooms.small[0].members.length;
    const roomCount = Math.max(1, Math.round(50 * scale));
    const userIndexes = rooms.small.slice(0, roomCount).flatMap((r) => r.members);
    const roomOfUser = new Map(rooms.small.flatMap((r) => r.members.map((u) => [u, r.id])));
    const rate = 200 * scale;
    log(`${userIndexes.length} clients in ${roomCount} rooms of ${perRoom}, ${rate} messages/s for ${seconds} s`);
    const run = await delivery({ userIndexes, roomOf: (u) => roomOfUser.get(u), rate, measureIdle: true });
    const { report, sendSeconds } = run;
    result('clients / messages per s / live deliveries per s', `${run.clients} / ${(report.messages / sendSeconds).toFixed(0)} / ${(report.live / sendSeconds).toFixed(0)}`);
    deliveryRows(run);
    result('send-to-receive p50 / p95 / p99 (ms), live', `${ms(report.latency.p50)} / ${ms(report.latency.p95)} / ${ms(report.latency.p99)}`, 'p50 < 10, p99 < 50',
        report.latency.p50 < 10 && report.latency.p99 < 50);
    result('server CPU, RSS', run.server);
    result('other CPU while sending (share of one core)', `${run.others} (${run.workers} worker threads)`);
}

async function largeRoom() {
    const members = Math.round(rooms.large.members.length * scale);
    const userIndexes = rooms.large.members.slice(0, members);
    log(`${members} clients in one room, 10 messages/s for ${seconds} s`);
    const run = await delivery({ userIndexes, roomOf: () => rooms.large.id, rate: 10, measureIdle: true });
    const { report, sendSeconds } = run;
    const last = report.toLastRecipient;
    result('members / live deliveries per s', `${members} / ${(report.live / sendSeconds).toFixed(0)}`);
    deliveryRows(run);
    result('send-to-receive p50 / p95 / p99 (ms), live', `${ms(report.latency.p50)} / ${ms(report.latency.p95)} / ${ms(report.latency.p99)}`);
    result('to the last recipient p50 / p99 (ms), live', `${ms(last.p50)} / ${ms(last.p99)}`, 'p99 < 250', last.p99 < 250);
    result('server CPU, RSS', run.server);
    result('other CPU while sending (share of one core)', `${run.others} (${run.workers} worker threads)`);
}

// ---- ingest: the highest persisted rate with p99 under 100 ms ---------------------------------

async function ingest() {
    const userIndexes = rooms.small.flatMap((r) => r.members).slice(0, Math.max(20, Math.round(1000 * scale)));
    const roomOfUser = new Map(rooms.small.flatMap((r) => r.members.map((u) => [u, r.id])));
    const assignments = userIndexes.map((userIndex, i) => ({ id: i, token: seed.users[userIndex].token, url: urls[i % urls.length], roomId: roomOfUser.get(userIndex) }));
    const pool = new ClientPool(workersFor(assignments.length));
    try {
        await pool.connect(assignments, { listen: false });
        log(`${assignments.length} hub connections in ${pool.size} worker threads`);
        const steps = [250, 500, 1000, 1500, 2000, 2500, 3000, 4000, 5000].map((r) => Math.round(r * Math.max(scale, 0.2)));
        const stepSeconds = Math.max(5, Math.round(seconds / 2));
        let best = null, first = null;
        await pool.ingest(steps[0], 3, 'warm-up'); // unmeasured
        for (const rate of steps) {
            if (rate / assignments.length > 8) break; // the per-person limit (10 a second) would refuse sends, not the server
            const before = usageSample();
            const answers = await pool.ingest(rate, stepSeconds, String(rate));
            const after = usageSample();
            const elapsed = (after.at - before.at) / 1000;
            const latencies = concatSamples(answers.map((a) => a.latencies));
            const errors = answers.reduce((n, a) => n + a.errors, 0), inFlight = answers.reduce((n, a) => n + a.inFlight, 0);
            for (const error of answers.flatMap((a) => a.errorSamples).slice(0, 3)) log(error);
            const stats = summarize(latencies);
            const persisted = latencies.length / elapsed;
            const { server, others } = usage(before, after, latencies.length);
            log(`step ${rate}/s: ${latencies.length} stored (${persisted.toFixed(0)}/s), ${errors} refused, p50 ${ms(stats.p50)} p99 ${ms(stats.p99)} ms; ${server}; ${others}`);
            first ??= { rate, persisted, stats, server, others, errors };
            const held = stats.p99 < 100 && errors === 0 && inFlight === 0 && persisted >= rate * 0.9;
            if (held) best = { rate, persisted, stats, server, others };
            else break;
        }
        const target = db === 'postgres' ? '≥ 2,000/s with p99 < 100 ms' : '';
        if (best) {
            result('highest sustained rate held (persisted/s, p50 / p99 ms)', `${best.rate} (${best.persisted.toFixed(0)}/s, ${ms(best.stats.p50)} / ${ms(best.stats.p99)})`,
                target, target ? best.rate >= 2000 : null);
            result('server CPU, RSS at that rate', best.server);
            result('other CPU at that rate (share of one core)', `${best.others} (${pool.size} worker threads)`);
        } else {
            result('highest sustained rate held', `below ${steps[0]}/s`, target, target ? false : null);
            if (first) {
                result(`at ${first.rate}/s: persisted/s, p50 / p99 (ms), refused`,
                    `${first.persisted.toFixed(0)}/s, ${ms(first.stats.p50)} / ${ms(first.stats.p99)}, ${first.errors}`);
                result(`server CPU, RSS at ${first.rate}/s`, first.server);
                result(`other CPU at ${first.rate}/s (share of one core)`, `${first.others} (${pool.size} worker threads)`);
            }
        }
    } finally {
        await pool.close();
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

/** A phase of a scenario that failed: which one, when, and how far the set-up had got. */
class PhaseError extends Error {}

/** Runs `work` as the named phase within `budgetMs`; a miss or an error names the phase. */
async function phase(name, budgetMs, work, progress = () => '') {
    const started = now();
    let timer;
    const limit = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new PhaseError(`${name}: not done within its ${Math.round(budgetMs / 1000)} s budget${progress()}`)), budgetMs);
    });
    try {
        const value = await Promise.race([work(), limit]);
        log(`${name}: ${((now() - started) / 1000).toFixed(1)} s${progress()}`);
        return value;
    } catch (error) {
        if (error instanceof PhaseError) throw error;
        throw new PhaseError(`${name} failed after ${((now() - started) / 1000).toFixed(1)} s${progress()}: ${String(error.message ?? error).split('\n')[0]}`);
    } finally {
        clearTimeout(timer);
    }
}

/** Runs `task(item, i)` over `items`, at most `parallel` at a time. */
async function bounded(items, parallel, task) {
    let next = 0;
    const results = new Array(items.length);
    await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await task(items[i], i);
        }
    }));
    return results;
}

/**
 * Signs a browser context in through the login page's form: its fields (the antiforgery token and
 * the form's handler) are read from the page and posted with the person's name and password, so
 * the tab gets the same cookie a person gets, without the browser rendering the login page (on
 * two busy cores that rendering was most of the set-up time).
 */
async function signIn(context, username, timeout) {
    const form = await context.request.get('/Account/Login', { timeout });
    if (!form.ok()) throw new Error(`the login page answered ${form.status()}`);
    const html = await form.text();
    const fields = {};
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[name] = value;
    if (!fields.__RequestVerificationToken) throw new Error('the login page has no antiforgery token');
    const answer = await context.request.post('/Account/Login', { form: { ...fields, 'Input.Login': username, 'Input.Password': seed.password }, timeout });
    const signedIn = (await context.cookies()).some((c) => c.name.startsWith('.AspNetCore.Identity'));
    if (!signedIn) throw new Error(`the login form answered ${answer.status()} at ${answer.url()} without signing in`);
}

/** Set-up time for the tabs, apart from the measured time: the sign-ins verify a password hash each and every tab starts a circuit. */
const circuitSetupBudgetMs = (tabs) => Math.max(180_000, tabs * 8_000);

async function circuits() {
    const { chromium } = await import('playwright-core');
    const tabs = Math.max(2, Math.round(50 * scale));
    const parallel = Number(args['sign-in-parallel'] ?? 4);
    const setupBudget = circuitSetupBudgetMs(tabs);
    const browser = await phase('starting Chromium', 60_000, () => chromium.launch({
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
            '--disable-quic', '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'],
    }));
    const browserTree = [{ name: 'Chromium', pid: process.pid, childrenOnly: true }]; // the browser's processes are this one's children
    let senders = [];
    try {
        const roomOfUser = new Map(rooms.small.flatMap((r) => r.members.map((u) => [u, r])));
        const people = rooms.small.flatMap((r) => r.members).slice(0, tabs);
        const before = await serverMemory();
        let signedIn = 0, shown = 0;
        const timings = [];
        const progress = () => ` (${signedIn} of ${tabs} tabs signed in, ${shown} showing their room)`;
        const setupStarted = now();
        const remaining = () => Math.max(1000, setupBudget - (now() - setupStarted));
        // Tab i goes to node i mod n; a few sign in at a time (each verifies a password hash, which is meant to be slow).
        const pages = await phase(`signing in ${tabs} tabs and opening their rooms, ${parallel} at a time`, setupBudget, () => bounded(people, parallel, async (userIndex, i) => {
            const t0 = now();
            const context = await browser.newContext({ baseURL: urls[i % urls.length] });
            context.setDefaultTimeout(remaining());
            const page = await context.newPage();
            const t1 = now();
            try {
                await signIn(context, seed.users[userIndex].username, remaining());
            } catch (error) {
                throw new Error(`tab ${i} signing in: ${String(error.message ?? error).split('\n')[0]}`);
            }
            signedIn++;
            const t2 = now();
            const room = roomOfUser.get(userIndex);
            try {
                await page.goto(`/r/${room.slug}`);
                // Shown and live: the message list is there, its history loaded, and the circuit is interactive
                // (the timeline's buttons are disabled until it is).
                await page.waitForFunction(() => {
                    const list = document.querySelector('[role=log][aria-label=Messages]');
                    const button = document.querySelector('.timeline-bar-button');
                    return list && button && !button.disabled && !document.querySelector('.message-skeleton');
                }, null, { timeout: remaining(), polling: 250 });
            } catch (error) {
                throw new Error(`tab ${i} opening /r/${room.slug}: ${String(error.message ?? error).split('\n')[0]}`);
            }
            // Records when each load message first appears in the page (its text is "vis-N").
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
            shown++;
            timings.push({ tab: t1 - t0, signIn: t2 - t1, open: now() - t2 });
            return { page, context, room, userIndex };
        }), progress);
        const step = (name) => { const t = summarize(timings.map((x) => x[name])); return `${ms(t.p50 / 1000)} / ${ms(t.max / 1000)}`; };
        log(`set-up took ${((now() - setupStarted) / 1000).toFixed(1)} s of its ${Math.round(setupBudget / 1000)} s budget; per tab (median / longest, s): ` +
            `new tab ${step('tab')}, signing in ${step('signIn')}, room shown and interactive ${step('open')}`);

        const after = await phase('reading server memory', 60_000, async () => {
            // Let the circuits finish their first renders and subscriptions before reading memory.
            await sleep(3000);
            return serverMemory();
        });
        const perCircuit = (after.gcHeapBytes - before.gcHeapBytes) / pages.length;
        const perCircuitRss = (after.workingSetBytes - before.workingSetBytes) / pages.length;
        result('memory per idle circuit showing a room (GC heap / RSS)', `${(perCircuit / 1024).toFixed(0)} KB / ${(perCircuitRss / 1024).toFixed(0)} KB`,
            '≤ 400 KB', perCircuit <= 400 * 1024);

        // Senders: a hub connection for one person of each room with tabs.
        const shownRooms = [...new Map(pages.map((p) => [p.room.id, p.room])).values()];
        senders = await phase('connecting the senders', 60_000, () => connectSenders(shownRooms.map((r) => r.members[0])));
        const sentAt = new Map();
        let sendErrors = 0;
        const rate = 5;
        const [usageBefore, usageAfter] = await phase('sending (measured)', seconds * 1000 + 60_000, async () => {
            const first = usageSample(browserTree);
            await paced(rate, seconds, (k) => {
                const r = k % senders.length;
                sentAt.set(String(k), { at: now(), roomId: shownRooms[r].id });
                senders[r].invoke('SendMessage', shownRooms[r].id, { body: `vis-${k}` }).catch(() => sendErrors++);
            });
            return [first, usageSample(browserTree)];
        });
        // The tabs are read until every message is shown, or none more showed up for 5 s (at most 30 s).
        const { latencies, missing } = await phase('reading the tabs', 60_000 + tabs * 4000, async () => {
            const started = now();
            let last = -1, lastChange = now();
            for (;;) {
                const found = [];
                let notShown = 0;
                for (const tab of pages) {
                    const seen = await tab.page.evaluate(() => window.__seen);
                    for (const [key, sent] of sentAt) {
                        if (sent.roomId !== tab.room.id) continue;
                        if (seen[key] === undefined) notShown++;
                        else found.push(seen[key] - sent.at);
                    }
                }
                if (found.length !== last) { last = found.length; lastChange = now(); }
                if (notShown === 0 || now() - lastChange > 5000 || now() - started > 30_000) return { latencies: found, missing: notShown };
                await sleep(1000);
            }
        });
        const stats = summarize(latencies);
        result('send-to-visible p50 / p95 / p99 (ms), not shown', `${ms(stats.p50)} / ${ms(stats.p95)} / ${ms(stats.p99)}, ${missing} of ${latencies.length + missing}`,
            'p99 < 100', stats.p99 < 100 && missing === 0 && sendErrors === 0);
        const { server, others } = usage(usageBefore, usageAfter);
        result('server CPU, RSS while sending', server);
        result('other CPU while sending (share of one core)', others);
        await Promise.all(pages.map((p) => p.context.close()));
    } finally {
        await Promise.all(senders.map((c) => c.stop().catch(() => {})));
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
    result('error', String(error.message ?? error).slice(0, 400), '', false);
    process.exit(1);
}
