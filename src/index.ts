export { createKeepupClient, type KeepupClient, type OperationId, type RequestInit, type SuccessBody } from "./client.js";
export type { Fetch, FetchInit, KeepupClientOptions, Logger, LogLevel, RequestOptions } from "./options.js";
export { APIPromise, type WithResponse } from "./api-promise.js";
export type * from "../generated/client.js";
export {
  KeepupError,
  InputError,
  APIError,
  AuthenticationError,
  RateLimitError,
  ResponseValidationError,
  APIConnectionError,
  APIConnectionTimeoutError,
} from "./errors.js";
