/**
 * The image cache file's name when --cache-location is not given, or names a folder (as eslint's
 * .eslintcache). A file of its own: the usage text names it without loading the cache's code.
 */
export const DEFAULT_CACHE_FILE = '.custom-labels-cache';
