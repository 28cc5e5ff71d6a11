// Preloaded (node --require) into the linter by streaming.bench.ts: prints the process's peak
// resident memory and CPU time when it exits, for the bench to read from stderr.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`max-rss-kb ${u.maxRSS} cpu-us ${u.userCPUTime + u.systemCPUTime}\n`);
});
