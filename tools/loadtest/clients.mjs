// Hub clients spread over worker threads (client-worker.mjs), so that the load client does not
// become the bottleneck: client i lives in worker i mod W and talks to node i mod N. The main
// thread only orchestrates and merges; every worker stamps times with the same clock
// (performance.timeOrigin + performance.now(), comparable across threads: stats.test.mjs checks it).
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { sumFields } from './stats.mjs';

/**
 * Worker threads for this many clients. Two cores serve the server, its database and the client, so
 * the default is small: two workers (one per core) unless there are few clients; --workers overrides it.
 */
export function defaultWorkers(clientCount, cores = availableParallelism()) {
    if (clientCount < 100) return 1;
    return Math.max(2, Math.min(4, Math.floor(cores / 2) || 1));
}

export class ClientPool {
    #workers;
    #calls = new Map();
    #nextId = 0;

    constructor(count) {
        this.#workers = Array.from({ length: count }, () => {
            const worker = new Worker(new URL('./client-worker.mjs', import.meta.url));
            worker.on('message', ({ id, ok, result, error }) => {
                const call = this.#calls.get(id);
                this.#calls.delete(id);
                if (ok) call.resolve(result);
                else call.reject(new Error(error));
            });
            worker.on('error', (error) => { for (const call of this.#calls.values()) call.reject(error); this.#calls.clear(); });
            return worker;
        });
    }

    get size() { return this.#workers.length; }

    #call(worker, cmd, args) {
        return new Promise((resolve, reject) => {
            const id = this.#nextId++;
            this.#calls.set(id, { resolve, reject });
            worker.postMessage({ id, cmd, args });
        });
    }

    /** The same command in every worker; `argsOf(w)` gives each its arguments. */
    all(cmd, argsOf = () => ({})) {
        return Promise.all(this.#workers.map((worker, w) => this.#call(worker, cmd, argsOf(w))));
    }

    /**
     * Opens the connections: `assignments[i]` ({ id, token, url, roomId }) goes to worker i mod W.
     * With `listen`, each client follows its room; `roomFollowers` (roomId -> count) lets the workers
     * tell how many receipts a message should bring. Returns the lowest room Seq seen when following.
     */
    async connect(assignments, { listen = true, parallel = 48, roomFollowers = {} } = {}) {
        const shares = this.#workers.map((_, w) => assignments.filter((_, i) => i % this.size === w));
        const answers = await this.all('connect', (w) => ({ assignments: shares[w], listen, roomFollowers, parallel: Math.max(1, Math.ceil(parallel / this.size)) }));
        const roomSeq = {};
        for (const answer of answers)
            for (const [room, seq] of Object.entries(answer.roomSeq)) roomSeq[room] = Math.min(roomSeq[room] ?? Infinity, seq);
        return { connected: answers.reduce((n, a) => n + a.connected, 0), roomSeq };
    }

    /** Sends `rate` messages a second in all, each worker its share from its own clients. */
    send(rate, seconds) { return this.all('send', () => ({ rate: rate / this.size, seconds })); }

    phase(name) { return this.all('phase', () => ({ name })); }

    async progress() { return sumFields(await this.all('progress')); }

    collect() { return this.all('collect'); }

    ingest(rate, seconds, label) { return this.all('ingest', () => ({ rate: rate / this.size, seconds, label })); }

    async drop(fraction) { return sumFields(await this.all('drop', () => ({ fraction }))).dropped; }

    async close() {
        await this.all('close').catch(() => {});
        await Promise.all(this.#workers.map((w) => w.terminate()));
    }
}
