// Loaded with `node --require` by bench.mjs when /usr/bin/time is missing: writes the process's peak RSS (KiB)
// to the file named by OCRTIDY_BENCH_RSS when the process exits.
const fs = require('node:fs');
process.on('exit', () => {
  if (process.env.OCRTIDY_BENCH_RSS) fs.writeFileSync(process.env.OCRTIDY_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
