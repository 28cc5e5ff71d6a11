/**
 * The cache files' names when --cache-location is not given, or names a folder (as eslint's
 * .eslintcache): lint's image checks, and health's fingerprints (a file of their own, so the two
 * commands never start each other's afresh). A file of its own: the usage text names them without
 * loading the caches' code.
 */
export const DEFAULT_CACHE_FILE = '.custom-labels-cache';
export const DEFAULT_HEALTH_CACHE_FILE = '.custom-labels-health-cache';
