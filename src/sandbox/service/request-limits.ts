/**
 * What every request must pass before it is parsed: a body size cap, a nesting bound and a
 * loopback Host. Each answer is an AWS-shaped error (a 4xx the operation lists), never a crash.
 */
import { ServiceError } from './errors';

/**
 * The largest legitimate request is UpdateDatasetEntries with 5,242,880 bytes of GroundTruth:
 * 6,990,508 base64 characters plus the ARN and the envelope. 8 MiB leaves room for that and no more.
 */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * No member of a Rekognition dataset request nests deeper than 4 (DatasetSource.GroundTruthManifest.S3Object.Name);
 * a body nested deeper than this is refused before JSON.parse sees it.
 */
export const MAX_REQUEST_DEPTH = 32;

export function bodyTooLarge(limit: number): ServiceError {
  return new ServiceError(
    'InvalidParameterException',
    `The request body is larger than ${limit} bytes, the most this service accepts (UpdateDatasetEntries takes at most 5,242,880 bytes of GroundTruth per call). Split the change into several calls.`,
    413,
  );
}

/** True when `text` nests arrays/objects deeper than `max` (strings skipped; stops at the first excess). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

export function tooDeep(max: number): ServiceError {
  return new ServiceError(
    'InvalidParameterException',
    `The request body nests arrays or objects more than ${max} levels deep; no member of this operation is nested that deep. Send the request shape the API reference gives.`,
  );
}

/** Hosts a request may name: loopback only (a browser page reaching the sandbox by DNS rebinding names its own host). */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}

export function foreignHost(host: string | undefined): ServiceError {
  return new ServiceError(
    'AccessDeniedException',
    `The sandbox answers only requests addressed to 127.0.0.1, localhost or [::1] (this one names ${host === undefined ? 'no host' : `'${host.slice(0, 100)}'`}). Point the client at http://127.0.0.1:PORT.`,
    403,
  );
}
