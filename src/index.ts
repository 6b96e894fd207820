export { createKeepupClient, type KeepupClient } from "./client.js";
export type { KeepupClientOptions } from "./options.js";
export type {
  AddSaleResponse,
  AlertCustomerOptions,
  CancelSaleResponse,
  EditSaleResponse,
  FetchSaleResponse,
  ListSalesFilters,
  ListSalesResponse,
  PaymentInput,
  RefundSaleResponse,
  SaleInput,
  SaleItemInput,
  UpdateSaleBalanceResponse,
} from "./sales.js";
export type { OperationId, RequestInit } from "./transport.js";
export {
  KeepupError,
  InputError,
  APIError,
  AuthenticationError,
  RateLimitError,
  APIConnectionError,
  APIConnectionTimeoutError,
} from "./errors.js";
