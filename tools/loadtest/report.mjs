// Turns the result rows of a run (one JSON object a line) into the markdown table of docs/PERFORMANCE.md.
// Usage: node report.mjs RESULTS.jsonl MACHINE LOADAVG COMMAND [SECONDS]
import { readFileSync } from 'node:fs';

const [file, machine, load, command, took] = process.argv.slice(2);
const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const cell = (text) => String(text).replaceAll('|', '\\|');
console.log(`Command: \`${command}\`  `);
console.log(`Machine: ${machine}; load average at the end: ${load}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${took ? `; took ${Math.floor(took / 60)} min ${took % 60} s` : ''}`);
console.log();
console.log('| scenario | database | nodes | figure | result | target | met |');
console.log('|---|---|---:|---|---|---|---|');
for (const row of rows)
    console.log(`| ${row.scenario} | ${row.db} | ${row.nodes} | ${cell(row.figure)} | ${cell(row.value)} | ${cell(row.target)} | ${row.met === null ? '' : row.met ? 'yes' : '**no**'} |`);
