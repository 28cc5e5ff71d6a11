// Preloaded (node --require) into the linter by streaming.bench.ts: prints the process's peak
// resident memory when it exits, for the bench to read from stderr.
process.on('exit', () => process.stderr.write(`max-rss-kb ${process.resourceUsage().maxRSS}\n`));
