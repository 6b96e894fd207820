// The Sales resource: each method checks its input, then hands the call to the transport.
import type { components } from "../generated/schema.js";
import { InputError } from "./errors.js";
import { shown } from "./options.js";
import { PATH_SEGMENT, type createTransport, type JsonResponse } from "./transport.js";
import type { operations } from "../generated/schema.js";

type AlertCustomer = NonNullable<components["schemas"]["AlertCustomerRequest"]["alert_customer"]>;
export type CancelSaleResponse = JsonResponse<operations["cancelSale"], 200>;
export type RefundSaleResponse = JsonResponse<operations["refundSale"], 200>;

/** The values the contract allows; a test keeps this list equal to the generated type. */
export const ALERT_CUSTOMER_VALUES = ["yes", "no"] as const satisfies readonly AlertCustomer[];

/** The options of `sales.cancel` and `sales.refund`. */
export interface AlertCustomerOptions {
  /** Whether KeepUp alerts the customer. Omitted: no body is sent, KeepUp's default applies. */
  alertCustomer?: AlertCustomer | boolean | undefined;
  /** Aborts the request (and any retry); the abort is passed through, not retried. */
  signal?: AbortSignal | undefined;
}

function checkSaleId(saleId: unknown, apiKey: string): string {
  if (typeof saleId === "number") {
    if (Number.isSafeInteger(saleId) && saleId > 0) return String(saleId);
    throw new InputError("saleId", "must be a safe positive integer when it is a number", shown(saleId, apiKey));
  }
  // The sale_id rule of openapi/components/parameters/SaleId.yaml; a property test keeps them equal.
  const rule = "must be a non-empty string without white space or '/', other than '.' or '..', or a safe positive integer";
  if (typeof saleId !== "string") throw new InputError("saleId", rule, typeof saleId);
  // A lone surrogate cannot be percent-encoded.
  if (!PATH_SEGMENT.test(saleId) || !saleId.isWellFormed()) {
    throw new InputError("saleId", rule, shown(saleId, apiKey));
  }
  return saleId;
}

function alertBody(alertCustomer: unknown, apiKey: string): { alert_customer: AlertCustomer } | undefined {
  if (alertCustomer === undefined) return undefined;
  if (typeof alertCustomer === "boolean") return { alert_customer: alertCustomer ? "yes" : "no" };
  const allowed: readonly unknown[] = ALERT_CUSTOMER_VALUES;
  if (allowed.includes(alertCustomer)) return { alert_customer: alertCustomer as AlertCustomer };
  throw new InputError("alertCustomer", 'must be "yes", "no", true or false', shown(alertCustomer, apiKey));
}

export function salesResource(perform: ReturnType<typeof createTransport>, apiKey: string) {
  const alertCall = (saleId: unknown, { alertCustomer, signal }: AlertCustomerOptions) => ({
    params: { path: { sale_id: checkSaleId(saleId, apiKey) } },
    body: alertBody(alertCustomer, apiKey),
    signal,
  });
  return {
    /** Cancels a sale. Irreversible, so never sent twice unless KeepUp provably did not get it. */
    async cancel(saleId: string | number, options: AlertCustomerOptions = {}): Promise<CancelSaleResponse> {
      return perform("cancelSale", alertCall(saleId, options));
    },
    /** Refunds a sale. Irreversible, so never sent twice unless KeepUp provably did not get it. */
    async refund(saleId: string | number, options: AlertCustomerOptions = {}): Promise<RefundSaleResponse> {
      return perform("refundSale", alertCall(saleId, options));
    },
  };
}
