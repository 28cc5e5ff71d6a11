/**
 * Service errors as Rekognition sends them over awsJson1_1:
 * `{"__type":"X","Message":"...","Code":"X","Logref":"<uuid>"}` with HTTP 400, or 500 for
 * InternalServerError and ThrottlingException.
 */
import { randomUUID } from 'crypto';

export type ErrorName =
  | 'AccessDeniedException'
  | 'InvalidParameterException'
  | 'ResourceNotFoundException'
  | 'ResourceAlreadyExistsException'
  | 'ResourceInUseException'
  | 'ResourceNotReadyException'
  | 'InvalidS3ObjectException'
  | 'ImageTooLargeException'
  | 'InvalidImageFormatException'
  | 'InvalidPaginationTokenException'
  | 'LimitExceededException'
  | 'ThrottlingException'
  | 'InternalServerError'
  | 'UnknownOperationException'
  | 'SerializationException';

const SERVER_ERRORS: ReadonlySet<ErrorName> = new Set<ErrorName>(['InternalServerError', 'ThrottlingException']);

export class ServiceError extends Error {
  readonly status: number;
  /** `status` overrides the HTTP status (413 for a body over the limit, 403 for a foreign Host). */
  constructor(
    readonly type: ErrorName,
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = type;
    this.status = status ?? (SERVER_ERRORS.has(type) ? 500 : 400);
  }

  /** The JSON body AWS sends. */
  toBody(): Record<string, string> {
    return { __type: this.type, Message: this.message, Code: this.type, Logref: randomUUID() };
  }
}

export const invalidParameter = (message: string): ServiceError => new ServiceError('InvalidParameterException', message);
export const notFound = (message: string): ServiceError => new ServiceError('ResourceNotFoundException', message);
export const alreadyExists = (message: string): ServiceError => new ServiceError('ResourceAlreadyExistsException', message);
export const inUse = (message: string): ServiceError => new ServiceError('ResourceInUseException', message);
export const notReady = (message: string): ServiceError => new ServiceError('ResourceNotReadyException', message);
export const invalidS3Object = (message: string): ServiceError => new ServiceError('InvalidS3ObjectException', message);
export const invalidToken = (message: string): ServiceError => new ServiceError('InvalidPaginationTokenException', message);
