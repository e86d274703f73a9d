// The arithmetic of a load run, kept apart from the network code so it can be read (and checked
// with `node --test tools/loadtest`) on its own.
import { readFileSync, readdirSync } from 'node:fs';

/** Wall-clock milliseconds with sub-millisecond resolution; the same expression in a browser page gives a comparable time. */
export const now = () => performance.timeOrigin + performance.now();

/** Nearest-rank percentile of an ascending array (p in 0..100); NaN when empty. */
export function percentile(sorted, p) {
    if (sorted.length === 0) return NaN;
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50/p95/p99/max of a list of latencies (ms). */
export function summarize(values) {
    const sorted = Float64Array.from(values).sort();
    return {
        count: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted.length ? sorted[sorted.length - 1] : NaN,
    };
}

/**
 * What one worker's clients received of the messages of one phase. A client gets a message live
 * (a `messagePosted` event) or recovers it after a reconnect (the resync through the API); a
 * second live copy, or a live copy for a room the client does not follow, is a duplicate. A
 * message fetched by a resync that the client already had is not counted again, nor is a live
 * copy that arrives after the resync fetched it (a real client keeps the first by id).
 */
export class ReceiptLedger {
    constructor() {
        this.byKey = new Map();  // key -> { live, recovered, lastLiveAt, clients: Set, recoveredBy: Set | undefined }
        this.latencies = [];     // send -> live receipt, every receipt but the sender's own
        this.duplicated = 0;
    }

    #entry(key) {
        let entry = this.byKey.get(key);
        if (!entry) this.byKey.set(key, entry = { live: 0, recovered: 0, lastLiveAt: 0, clients: new Set(), recoveredBy: undefined });
        return entry;
    }

    /** A live receipt at `at` of a message sent at `sentAt` by client `senderId`. */
    live(key, clientId, at, sentAt, senderId, followsRoom = true) {
        if (!followsRoom) { this.duplicated++; return; }
        const entry = this.#entry(key);
        if (entry.clients.has(clientId)) {
            if (!entry.recoveredBy?.has(clientId)) this.duplicated++;
            return;
        }
        entry.clients.add(clientId);
        entry.live++;
        entry.lastLiveAt = Math.max(entry.lastLiveAt, at);
        if (clientId !== senderId) this.latencies.push(at - sentAt);
    }

    /** A message fetched by a resync; true when the client did not have it yet. */
    recovered(key, clientId) {
        const entry = this.#entry(key);
        if (entry.clients.has(clientId)) return false;
        entry.clients.add(clientId);
        (entry.recoveredBy ??= new Set()).add(clientId);
        entry.recovered++;
        return true;
    }

    /** Live and recovered receipts so far. */
    get received() {
        let total = 0;
        for (const entry of this.byKey.values()) total += entry.live + entry.recovered;
        return total;
    }

    /** A compact, cloneable summary for the main thread (the latencies as a transferable array). */
    summary() {
        return {
            receipts: [...this.byKey].map(([key, e]) => [key, e.live, e.recovered, e.lastLiveAt]),
            latencies: Float64Array.from(this.latencies),
            duplicated: this.duplicated,
        };
    }
}

/**
 * Merges what every worker sent and received into the figures of a delivery scenario.
 * `sent`: { key, roomId, sentAt, ok } of every send (ok false: the send failed); `parts`: the
 * workers' ReceiptLedger summaries; `followers`: roomId -> how many clients follow it; `stored`:
 * the keys the server holds (read back through the API), or null to trust the acknowledgements.
 * A message counts when its send was acknowledged or it was found stored (a send whose answer was
 * lost with its connection may still have been stored); every follower of its room expects it.
 * Lost = expected receipts neither delivered live nor recovered.
 */
export function mergeDeliveries({ sent, parts, followers, stored = null }) {
    const receipts = new Map();
    let duplicated = 0;
    for (const part of parts) {
        duplicated += part.duplicated;
        for (const [key, live, recovered, lastLiveAt] of part.receipts) {
            const total = receipts.get(key);
            if (total) {
                total.live += live;
                total.recovered += recovered;
                total.lastLiveAt = Math.max(total.lastLiveAt, lastLiveAt);
            } else {
                receipts.set(key, { live, recovered, lastLiveAt });
            }
        }
    }
    const followerCount = (roomId) => (followers instanceof Map ? followers.get(roomId) : followers[roomId]) ?? 0;
    let messages = 0, failed = 0, expected = 0, live = 0, recovered = 0, lost = 0;
    const toLast = [];
    const counted = new Set();
    for (const message of sent) {
        if (!(message.ok || stored?.has(message.key))) { failed++; continue; }
        messages++;
        counted.add(message.key);
        const want = followerCount(message.roomId);
        const got = receipts.get(message.key) ?? { live: 0, recovered: 0, lastLiveAt: 0 };
        expected += want;
        live += Math.min(got.live, want);
        recovered += Math.min(got.recovered, Math.max(0, want - got.live));
        lost += Math.max(0, want - got.live - got.recovered);
        duplicated += Math.max(0, got.live + got.recovered - want);
        if (want > 0 && got.live === want) toLast.push(got.lastLiveAt - message.sentAt);
    }
    // Receipts of messages that were never sent, or whose send failed and that were not stored.
    for (const [key, got] of receipts) if (!counted.has(key)) duplicated += got.live + got.recovered;
    return {
        messages, failed, expected, live, recovered, lost, duplicated,
        latency: summarize(concatSamples(parts.map((p) => p.latencies))),
        toLastRecipient: summarize(toLast),
    };
}

/** One array of every worker's samples. */
export function concatSamples(arrays) {
    const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
    let at = 0;
    for (const a of arrays) { out.set(a, at); at += a.length; }
    return out;
}

/** Adds up numeric fields of the workers' answers (progress, counters). */
export function sumFields(objects) {
    const total = {};
    for (const o of objects) for (const [k, v] of Object.entries(o)) if (typeof v === 'number') total[k] = (total[k] ?? 0) + v;
    return total;
}

/** The body of a load message: "lt PHASE SENT_AT SENDER K", so any worker can time a receipt and tell phases apart. */
export const loadBody = (phase, sentAt, sender, k) => `lt ${phase} ${sentAt} ${sender} ${k}`;
export function parseLoadBody(body) {
    const parts = typeof body === 'string' ? body.split(' ') : [];
    if (parts.length !== 5 || parts[0] !== 'lt') return null;
    return { phase: parts[1], sentAt: Number(parts[2]), sender: Number(parts[3]), k: Number(parts[4]) };
}

/** CPU time (s) and resident memory (bytes) of a process, from /proc; null when it is gone. */
export function processSample(pid) {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces) start after the last ')'.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = (name) => Number((status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm')) ?? [0, 0])[1]);
        return { at: now(), cpuSeconds: ticks / 100, rssBytes: kb('VmRSS') * 1024, peakRssBytes: kb('VmHWM') * 1024 };
    } catch {
        return null;
    }
}

/**
 * CPU seconds of a process and all its descendants (PostgreSQL's backends, Chromium's renderers),
 * per pid, from /proc. A pid that appears later started in between and counts whole; one that
 * ended in between is missing from the later sample and its last stretch is not counted.
 * `childrenOnly` leaves the root out (this process's children: the browser).
 */
export function treeSample(rootPid, { childrenOnly = false } = {}) {
    const parent = new Map(), cpu = new Map();
    let pids = [];
    try { pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)); } catch { return null; }
    for (const pid of pids) {
        try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            parent.set(Number(pid), Number(fields[1]));
            cpu.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / 100);
        } catch { /* gone meanwhile */ }
    }
    const inTree = new Map([[rootPid, cpu.get(rootPid) ?? 0]]);
    if (!cpu.has(rootPid)) return null;
    for (let grew = true; grew;) {
        grew = false;
        for (const [pid, ppid] of parent) if (!inTree.has(pid) && inTree.has(ppid)) { inTree.set(pid, cpu.get(pid)); grew = true; }
    }
    if (childrenOnly) inTree.delete(rootPid);
    return { at: now(), cpu: inTree };
}

/** Average CPU use (percent of one core) of a process tree between two treeSample()s. */
export function treeCpuPercent(before, after) {
    if (!before || !after) return NaN;
    let seconds = 0;
    for (const [pid, value] of after.cpu) seconds += value - (before.cpu.get(pid) ?? 0);
    return (100 * seconds) / ((after.at - before.at) / 1000);
}

/** Average CPU use (percent of one core) of this Node process, every thread, between two process.cpuUsage() readings taken at `from` and `to`. */
export function ownCpuPercent(usageDelta, elapsedMs) {
    return (100 * (usageDelta.user + usageDelta.system) / 1000) / elapsedMs;
}

/** Average CPU use (percent of one core) between two samples of the same process. */
export function cpuPercent(before, after) {
    if (!before || !after) return NaN;
    return (100 * (after.cpuSeconds - before.cpuSeconds)) / ((after.at - before.at) / 1000);
}

/** Calls `tick(i)` at `ratePerSecond` for `seconds`, catching up after a late timer, and resolves when done. */
export async function paced(ratePerSecond, seconds, tick) {
    const start = now();
    const total = Math.round(ratePerSecond * seconds);
    let issued = 0;
    while (issued < total) {
        const due = Math.min(total, Math.floor(((now() - start) / 1000) * ratePerSecond) + 1);
        while (issued < due) tick(issued++);
        const next = start + (issued / ratePerSecond) * 1000;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - now())));
    }
}

export const mb = (bytes) => (bytes / 1048576).toFixed(0);
export const ms = (value) => (Number.isFinite(value) ? value.toFixed(1) : '–');
