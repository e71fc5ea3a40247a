import fs from 'node:fs';
import { parseMasterList } from './src/card/pa/masterList';
const b = new Uint8Array(fs.readFileSync('/work/shared/data/masterlists/DE_ML_2026-05-28-08-28-45.ml'));
const c0 = process.cpuUsage();
let t = performance.now(); const ml = parseMasterList(b); const c = process.cpuUsage(c0); console.log('wall', (performance.now() - t).toFixed(0), 'cpu', ((c.user + c.system) / 1000).toFixed(0), ml.cscas.length);
