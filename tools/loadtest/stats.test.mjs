// node --test tools/loadtest : the accounting the reports rest on.
import test from 'node:test';
import assert from 'node:assert/strict';
import { DeliveryLedger, percentile, summarize } from './stats.mjs';

test('nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 50), 50);
    assert.equal(percentile(sorted, 99), 99);
    assert.equal(percentile(sorted, 100), 100);
    assert.equal(percentile([7], 99), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
    assert.equal(summarize([5, 1, 3]).p50, 3);
});

test('lost, duplicated and latency per receipt', () => {
    const ledger = new DeliveryLedger();
    ledger.sent('m1', 1000, ['a', 'b', 'c']);
    ledger.sent('m2', 2000, ['a', 'b']);
    ledger.received('m1', 'a', 1001, 'a');   // the sender's own copy: counted, not timed
    ledger.received('m1', 'b', 1005, 'a');
    ledger.received('m1', 'b', 1006, 'a');   // duplicate
    ledger.received('m1', 'x', 1007, 'a');   // not a member: duplicate
    ledger.received('m2', 'a', 2010, 'b');
    ledger.received('m3', 'a', 2010, 'b');   // never sent: duplicate
    const report = ledger.report();
    assert.equal(report.expected, 5);
    assert.equal(report.delivered, 3);
    assert.equal(report.lost, 2);
    assert.equal(report.duplicated, 3);
    assert.deepEqual([report.latency.p50, report.latency.max], [5, 10]);
    assert.equal(report.toLastRecipient.count, 0); // no message reached everyone
});
