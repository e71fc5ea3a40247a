// Adds up vitest JSON reports and prints the plain closing line CI reads: "N passed, N failed".
import fs from 'node:fs';
let passed = 0, failed = 0, skipped = 0;
for (const f of process.argv.slice(2)) {
  if (!fs.existsSync(f)) { console.error(`summary: missing report ${f}`); failed += 1; continue; }
  const r = JSON.parse(fs.readFileSync(f, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 || passed === 0 ? 1 : 0);
