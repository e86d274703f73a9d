// node --test tools/loadtest : the accounting the reports rest on.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { ReceiptLedger, concatSamples, loadBody, mergeDeliveries, now, parseLoadBody, percentile, sumFields, summarize } from './stats.mjs';
import { defaultWorkers } from './clients.mjs';

test('nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 50), 50);
    assert.equal(percentile(sorted, 99), 99);
    assert.equal(percentile(sorted, 100), 100);
    assert.equal(percentile([7], 99), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
    assert.equal(summarize([5, 1, 3]).p50, 3);
    assert.equal(summarize(Float64Array.from([5, 1, 3])).max, 5);
});

test('a worker: duplicates, foreign rooms and the sender own copy', () => {
    const ledger = new ReceiptLedger();
    ledger.live('m1', 1, 1001, 1000, 1);          // the sender's own copy: counted, not timed
    ledger.live('m1', 2, 1005, 1000, 1);
    ledger.live('m1', 2, 1006, 1000, 1);          // a second live copy: duplicate
    ledger.live('m1', 3, 1007, 1000, 1, false);   // for a room client 3 does not follow: duplicate
    const { receipts, latencies, duplicated } = ledger.summary();
    assert.deepEqual(receipts, [['m1', 2, 0, 1005]]);
    assert.deepEqual([...latencies], [5]);
    assert.equal(duplicated, 2);
});

test('a worker: what a resync fetches is recovered once, and a late live copy of it is no duplicate', () => {
    const ledger = new ReceiptLedger();
    ledger.live('m1', 1, 1010, 1000, 9);
    assert.equal(ledger.recovered('m1', 1), false); // already had it live
    assert.equal(ledger.recovered('m2', 1), true);
    assert.equal(ledger.recovered('m2', 1), false); // a second resync over the same range
    ledger.live('m2', 1, 1050, 1040, 9);            // the live copy came after the resync fetched it
    assert.equal(ledger.received, 2);
    const { receipts, duplicated } = ledger.summary();
    assert.deepEqual(receipts, [['m1', 1, 0, 1010], ['m2', 0, 1, 0]]);
    assert.equal(duplicated, 0);
});

test('merging workers: live, recovered, lost, duplicated and the last recipient', () => {
    // Room r has 4 followers: clients 0 and 2 in worker A, 1 and 3 in worker B.
    const a = new ReceiptLedger(), b = new ReceiptLedger();
    const sent = [
        { key: 'm1', roomId: 'r', sentAt: 1000, ok: true },
        { key: 'm2', roomId: 'r', sentAt: 2000, ok: true },
        { key: 'm3', roomId: 'r', sentAt: 3000, ok: false },   // the answer was lost with the connection, but it was stored
        { key: 'm4', roomId: 'r', sentAt: 4000, ok: false },   // refused: not stored
    ];
    for (const [ledger, clients] of [[a, [0, 2]], [b, [1, 3]]])
        for (const c of clients) ledger.live('m1', c, 1000 + 10 * (c + 1), 1000, 0);   // m1 reaches everyone live; the last at 1040
    a.live('m2', 0, 2010, 2000, 0);
    a.recovered('m2', 2);                    // client 2 reconnected and fetched it
    b.live('m2', 1, 2020, 2000, 0);          // client 3 never got m2: lost
    b.live('m2', 1, 2021, 2000, 0);          // a duplicate
    a.live('m3', 0, 3010, 3000, 0);
    b.live('m3', 1, 3010, 3000, 0);
    b.recovered('m3', 3);
    a.recovered('m3', 2);
    b.live('zz', 1, 5000, 4900, 0);          // never sent by anyone: duplicate
    const parts = [a.summary(), b.summary()];
    const report = mergeDeliveries({ sent, parts, followers: { r: 4 }, stored: new Set(['m1', 'm2', 'm3']) });
    assert.equal(report.messages, 3);
    assert.equal(report.failed, 1);
    assert.equal(report.expected, 12);
    assert.equal(report.live, 8);
    assert.equal(report.recovered, 3);
    assert.equal(report.lost, 1);
    assert.equal(report.live + report.recovered + report.lost, report.expected);
    assert.equal(report.duplicated, 2);
    assert.equal(report.toLastRecipient.count, 1);   // only m1 reached every follower live
    assert.equal(report.toLastRecipient.max, 40);
    // Every live receipt but the sender's (client 0) own is timed, whichever worker it came from
    // (a worker cannot tell the never-sent one apart; it is counted as a duplicate above).
    assert.equal(report.latency.count, 3 + 1 + 1 + 1);
    // Without the read-back, the failed sends do not count and m3's receipts are duplicates.
    const trusting = mergeDeliveries({ sent, parts, followers: new Map([['r', 4]]) });
    assert.equal(trusting.messages, 2);
    assert.equal(trusting.duplicated, 1 + 1 + 4);
});

test('samples and counters from several workers add up', () => {
    assert.deepEqual([...concatSamples([Float64Array.from([1, 2]), Float64Array.from([]), Float64Array.from([3])])], [1, 2, 3]);
    assert.deepEqual(sumFields([{ received: 2, down: 0, note: 'x' }, { received: 3, down: 1 }]), { received: 5, down: 1 });
});

test('load message bodies carry phase, send time and sender', () => {
    const body = loadBody('m', 1234.5678, 17, 3);
    assert.deepEqual(parseLoadBody(body), { phase: 'm', sentAt: 1234.5678, sender: 17, k: 3 });
    assert.equal(parseLoadBody('hello there'), null);
    assert.equal(parseLoadBody(undefined), null);
});

test('a worker thread stamps times on the main thread clock', async () => {
    // performance.timeOrigin + performance.now() in a worker must fall between two readings of the main thread's.
    const worker = new Worker(`const { parentPort } = require('node:worker_threads');
        parentPort.on('message', () => parentPort.postMessage(performance.timeOrigin + performance.now()));`, { eval: true });
    try {
        await new Promise((resolve) => { worker.once('message', resolve); worker.postMessage('warm-up'); });
        for (let i = 0; i < 20; i++) {
            const before = now();
            const stamped = await new Promise((resolve) => { worker.once('message', resolve); worker.postMessage('now'); });
            const after = now();
            assert.ok(stamped >= before - 1 && stamped <= after + 1, `worker ${stamped} not within [${before}, ${after}]`);
        }
    } finally {
        await worker.terminate();
    }
});

test('worker threads by default: one for a few clients, at least two otherwise', () => {
    assert.equal(defaultWorkers(20, 2), 1);
    assert.equal(defaultWorkers(1000, 2), 2);
    assert.equal(defaultWorkers(5000, 8), 4);
});
