// Preloaded (node --require) into the linter by streaming.bench.ts: prints the process's peak
// resident memory and CPU time when it exits, for the bench to read from stderr. With
// MAX_RSS_FILE set, the line goes to that file instead (standard error may be a full pipe at exit).
process.on('exit', () => {
  const u = process.resourceUsage();
  const line = `max-rss-kb ${u.maxRSS} cpu-us ${u.userCPUTime + u.systemCPUTime}\n`;
  if (process.env.MAX_RSS_FILE) require('fs').writeFileSync(process.env.MAX_RSS_FILE, line);
  else process.stderr.write(line);
});
