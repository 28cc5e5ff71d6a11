/**
 * SDK errors -> CustomLabelsError: what failed, why, and what to do. The service's exception
 * name stays as `code`, the original error as `cause`. Messages never include credentials.
 */
import { CustomLabelsError } from './types';

/** Our own codes, for failures found before or around a call. */
export const ErrorCodes = {
  invalidArn: 'INVALID_ARN',
  invalidParameter: 'INVALID_PARAMETER',
  preconditionFailed: 'PRECONDITION_FAILED',
  timeout: 'TIMEOUT',
  cancelled: 'CANCELLED',
  noRegion: 'NO_REGION',
  invalidEndpoint: 'INVALID_ENDPOINT',
  network: 'NETWORK_ERROR',
} as const;

/** What was being done when the error happened, in words a person reads. */
export interface CallContext {
  /** E.g. "Push to dataset", "List projects". */
  action: string;
  /** The API operation, e.g. "UpdateDatasetEntries". */
  operation: string;
  /** The ARN or name the call was about. */
  resource?: string;
  /** The endpoint the client talks to, when overridden (shown for network errors). */
  endpoint?: string;
  /** Profile name, shown for credential errors (a name, never a secret). */
  profile?: string;
}

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string };
  $fault?: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH']);

function about(ctx: CallContext): string {
  return ctx.resource ? ` (${ctx.resource})` : '';
}

function attemptsNote(e: SdkLikeError): string {
  const n = e.$metadata?.attempts;
  return n && n > 1 ? ` after ${n} attempts` : '';
}

function serviceMessage(e: SdkLikeError): string {
  const m = (e.message ?? '').trim();
  return m && m !== 'UnknownError' ? m.replace(/\.$/, '') : '';
}

/** [why, what to do] for an exception name in a given context. */
function explain(name: string, e: SdkLikeError, ctx: CallContext): [string, string] {
  const msg = serviceMessage(e);
  const said = msg ? ` (the service said: "${msg}")` : '';
  switch (name) {
    case 'ResourceNotFoundException':
      return [
        `the ${ctx.resource ? 'resource' : 'project or dataset'}${about(ctx)} was not found${said}`,
        'It may have been deleted or be in another region or account: refresh the explorer and check the region and profile.',
      ];
    case 'ResourceInUseException':
      if (ctx.operation === 'UpdateDatasetEntries') {
        return [
          `the dataset is busy with another operation${said}`,
          'Wait until it is complete and push again.',
        ];
      }
      if (ctx.operation === 'CreateProject') {
        // CreateProject reports a taken name as ResourceInUseException.
        return [`a project with this name already exists${said}`, 'Choose another name.'];
      }
      if (ctx.operation === 'DeleteDataset') {
        return [`the dataset is being created or updated${said}`, 'Wait until it is complete and delete it again.'];
      }
      if (ctx.operation === 'DeleteProject') {
        return [
          `the project is in use${said}`,
          'Delete its models (project versions) first, or wait for running operations to end, then delete it again.',
        ];
      }
      if (ctx.operation === 'DistributeDatasetEntries') {
        return [`a dataset is busy with another operation${said}`, 'Wait until both datasets are complete and try again.'];
      }
      return [`the resource is busy with another operation${said}`, 'Wait until it is complete and try again.'];
    case 'ResourceNotReadyException':
      return [
        `the resource is not ready: it is still being created or updated${said}`,
        'Wait until its status is complete and try again.',
      ];
    case 'ResourceAlreadyExistsException':
      if (ctx.operation === 'CreateProject') {
        return [`a project with this name already exists${said}`, 'Choose another name.'];
      }
      if (ctx.operation === 'CreateDataset') {
        return [
          `the project already has a dataset of this type${said}`,
          'Push entries into the existing dataset, or delete it first.',
        ];
      }
      return [`it already exists${said}`, 'Use the existing one or choose another name.'];
    case 'InvalidParameterException':
      return [`the service refused a parameter${said}`, 'Check the input named in the message and try again.'];
    case 'InvalidS3ObjectException':
      return [
        `Rekognition cannot read the S3 object${said}`,
        'Check the bucket and key, that the bucket is in the same region and account as the project, and that Rekognition may read it.',
      ];
    case 'AccessDeniedException':
      return [
        `you are not authorized to call rekognition:${ctx.operation}${said}`,
        'Ask your administrator for this permission, or choose another profile.',
      ];
    case 'ThrottlingException':
    case 'ProvisionedThroughputExceededException':
    case 'TooManyRequestsException':
      return [`Rekognition is throttling requests${attemptsNote(e)}${said}`, 'Wait a moment and try again.'];
    case 'LimitExceededException':
    case 'ServiceQuotaExceededException':
      return [
        `a Rekognition quota was exceeded${said}`,
        'Delete unused projects or datasets, wait for running jobs to end, or request a quota increase.',
      ];
    case 'InternalServerError':
    case 'InternalFailure':
    case 'ServiceUnavailable':
    case 'ServiceUnavailableException':
      return [`Rekognition had an internal error${attemptsNote(e)}${said}`, 'This is on the service side: try again later.'];
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'ExpiredTokenException':
    case 'ExpiredToken':
    case 'InvalidClientTokenId':
      return [
        `the credentials were rejected (${name})`,
        `Sign in again${ctx.profile ? ` (e.g. "aws sso login --profile ${ctx.profile}")` : ''} or choose another profile.`,
      ];
    case 'CredentialsProviderError':
      return [
        `no AWS credentials could be loaded${ctx.profile ? ` for profile "${ctx.profile}"` : ''}${said}`,
        ctx.profile
          ? `Check the profile in ~/.aws/config, or sign in with "aws sso login --profile ${ctx.profile}".`
          : 'Configure credentials (environment, ~/.aws/credentials, SSO) or choose a profile in the settings.',
      ];
    case 'TimeoutError':
      return [`the request timed out${said}`, 'Check your network connection and try again.'];
    default:
      return [msg ? `${msg}` : `an unexpected error occurred (${name})`, 'Try again; if it keeps failing, check the logs.'];
  }
}

/** Turns anything thrown by an SDK call into a CustomLabelsError (CustomLabelsErrors pass through). */
export function toCustomLabelsError(error: unknown, ctx: CallContext): CustomLabelsError {
  if (error instanceof CustomLabelsError) return error;
  const e = (error ?? {}) as SdkLikeError;
  const name = typeof e.name === 'string' && e.name !== 'Error' ? e.name : (e.Code ?? e.code ?? 'Error');
  if (name === 'AbortError') {
    return new CustomLabelsError(`${ctx.action} was cancelled.`, ErrorCodes.cancelled, undefined, { cause: error });
  }
  const sysCode = typeof e.code === 'string' ? e.code : undefined;
  if (sysCode && NETWORK_CODES.has(sysCode)) {
    const where = ctx.endpoint ? ` ${ctx.endpoint}` : ' Rekognition';
    const what = ctx.endpoint
      ? 'Check that the endpoint (or the local sandbox) is running and the endpoint setting is right.'
      : 'Check your network connection, proxy and region.';
    return new CustomLabelsError(
      `${ctx.action} failed: could not reach${where} (${sysCode}). ${what}`,
      sysCode,
      what,
      { cause: error },
    );
  }
  const [why, what] = explain(name, e, ctx);
  return new CustomLabelsError(`${ctx.action} failed: ${why}. ${what}`, name, what, { cause: error });
}

const OWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCodes));

/**
 * Whether a failed call may still have been applied by the service. Only a refusal the service
 * sent on the first and only attempt (a 4xx, or throttling), or one of our own checks before
 * the request left, says "not applied". A network failure or a timeout (the request may have
 * arrived), a 5xx (it may have been applied before the error), a call cancelled in flight, and
 * any failure after the SDK retried (an earlier attempt may have landed: the retry of an
 * applied UpdateDatasetEntries gets ResourceInUseException) leave it unknown.
 */
export function mayHaveBeenApplied(error: unknown): boolean {
  const outer = (error ?? {}) as SdkLikeError & { cause?: unknown };
  const e = (outer instanceof CustomLabelsError ? (outer.cause ?? {}) : outer) as SdkLikeError;
  if (outer instanceof CustomLabelsError && outer.cause === undefined) {
    // Raised here before any request (invalid input, cancelled before sending): not applied.
    return !OWN_CODES.has(outer.code);
  }
  const attempts = e.$metadata?.attempts ?? 1;
  if (attempts > 1) return true;
  const name = typeof e.name === 'string' ? e.name : '';
  if (name === 'ThrottlingException' || name === 'ProvisionedThroughputExceededException' || name === 'TooManyRequestsException') return false;
  const status = e.$metadata?.httpStatusCode;
  return !(status !== undefined && status >= 400 && status < 500);
}
