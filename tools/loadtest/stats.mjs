// The arithmetic of a load run, kept apart from the network code so it can be read (and checked
// with `node --test tools/loadtest`) on its own.
import { readFileSync } from 'node:fs';

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
 * Who should receive which message, and who did. A message is expected by every client that
 * followed its room when it was sent; a receipt by a client that did not expect it, or a second
 * receipt of the same message, is a duplicate. Lost = expected receipts that never came.
 */
export class DeliveryLedger {
    constructor() {
        this.messages = new Map();   // key -> { sentAt, expected: Set<clientId>, received: Set<clientId>, lastAt }
        this.latencies = [];         // send -> receive, every receipt but the sender's own
        this.duplicates = 0;
        this.unexpected = 0;
    }

    sent(key, sentAt, expectedClients) {
        this.messages.set(key, { sentAt, expected: new Set(expectedClients), received: new Set(), lastAt: 0 });
    }

    /** A send that failed: nothing is expected of it. */
    failed(key) {
        this.messages.delete(key);
    }

    received(key, clientId, at, senderId) {
        const message = this.messages.get(key);
        if (!message) { this.unexpected++; return; }
        if (!message.expected.has(clientId) || message.received.has(clientId)) { this.duplicates++; return; }
        message.received.add(clientId);
        message.lastAt = Math.max(message.lastAt, at);
        if (clientId !== senderId) this.latencies.push(at - message.sentAt);
    }

    report() {
        let expected = 0, delivered = 0;
        const toLast = [];
        for (const message of this.messages.values()) {
            expected += message.expected.size;
            delivered += message.received.size;
            if (message.received.size === message.expected.size && message.expected.size > 0) toLast.push(message.lastAt - message.sentAt);
        }
        return {
            messages: this.messages.size,
            expected,
            delivered,
            lost: expected - delivered,
            duplicated: this.duplicates + this.unexpected,
            latency: summarize(this.latencies),
            toLastRecipient: summarize(toLast),
        };
    }
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
