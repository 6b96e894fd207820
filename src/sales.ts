// The Sales resource: each method checks its input, maps its camelCase options to KeepUp's
// fields, and hands the call to the transport. What is retried is declared per operation in
// src/retries.ts.
import type { components, operations } from "../generated/schema.js";
import { InputError } from "./errors.js";
import {
  amount,
  coordinate,
  count,
  dateMinute,
  dateTime,
  day,
  email,
  numberFrom,
  oneOf,
  text,
  toFields,
  type Rule,
} from "./fields.js";
import { shown } from "./redact.js";
import { PATH_SEGMENT, type createTransport, type JsonResponse } from "./transport.js";

type Schemas = components["schemas"];
type Query = NonNullable<operations["listSales"]["parameters"]["query"]>;
type AlertCustomer = Schemas["AlertCustomer"];
/** Money: a number (`10.5`) or a decimal string (`"10.50"`); KeepUp gets `"10.50"`. */
type Amount = number | string;

export type ListSalesResponse = JsonResponse<operations["listSales"], 200>;
export type FetchSaleResponse = JsonResponse<operations["fetchSale"], 200>;
export type AddSaleResponse = JsonResponse<operations["addSale"], 200>;
export type EditSaleResponse = JsonResponse<operations["editSale"], 200>;
export type UpdateSaleBalanceResponse = JsonResponse<operations["updateSaleBalance"], 200>;
export type CancelSaleResponse = JsonResponse<operations["cancelSale"], 200>;
export type RefundSaleResponse = JsonResponse<operations["refundSale"], 200>;

/** The values the contract allows; test/client.test-d.ts keeps each list equal to the generated type. */
export const ALERT_CUSTOMER_VALUES = ["yes", "no"] as const satisfies readonly AlertCustomer[];
export const SALE_STATUS_VALUES = ["receipt", "invoice", "quote"] as const satisfies readonly NonNullable<Query["sale_status"]>[];
export const SALE_ORIGIN_VALUES = ["business", "storefront"] as const satisfies readonly NonNullable<Query["sale_origin"]>[];
export const DISCOUNT_TYPE_VALUES = ["fixed", "percentage"] as const satisfies readonly NonNullable<Schemas["SaleDetails"]["discount_type"]>[];
export const SALE_TYPE_VALUES = ["quote", "invoice"] as const satisfies readonly NonNullable<Schemas["SaleDetails"]["sale_type"]>[];

interface Abortable {
  /** Aborts the request (and any retry); the abort is passed through, not retried. */
  signal?: AbortSignal | undefined;
}

/** The options of `sales.cancel` and `sales.refund`. */
export interface AlertCustomerOptions extends Abortable {
  /** Whether KeepUp alerts the customer. Omitted: no body is sent, KeepUp's default applies. */
  alertCustomer?: AlertCustomer | boolean | undefined;
}

export interface ListSalesFilters extends Abortable {
  /** `YYYY-MM-DD`. */
  dateFrom?: string | undefined;
  /** `YYYY-MM-DD`. */
  dateTo?: string | undefined;
  /** A customer's name or code. */
  customer?: string | undefined;
  phoneNumber?: string | undefined;
  saleNumber?: number | string | undefined;
  saleStatus?: Query["sale_status"];
  saleOrigin?: Query["sale_origin"];
  /** From 1 (KeepUp's default). */
  page?: number | undefined;
}

export interface SaleItemInput {
  /** A string (`"123"`) or a number (`11`): KeepUp shows both. */
  itemId: string | number;
  quantity: number;
  /** The unit price. */
  price: number;
  itemName?: string | undefined;
  itemType?: string | undefined;
}

/** A sale for `sales.add`, and its new details for `sales.edit`. */
export interface SaleInput extends Abortable {
  items: SaleItemInput[];
  customerName?: string | undefined;
  phoneNumber?: string | undefined;
  customerEmail?: string | undefined;
  /** `"delivery"`, `"pick_up"` (Add Sale's spelling) or `"pick-up"` (Edit Sale's): KeepUp gives examples, not a list. */
  fulfillmentType?: string | undefined;
  locationName?: string | undefined;
  location?: string | undefined;
  lat?: number | string | undefined;
  lng?: number | string | undefined;
  fulfillmentCost?: Amount | undefined;
  discountType?: Schemas["SaleDetails"]["discount_type"];
  discountAmount?: Amount | undefined;
  taxProfile?: string | undefined;
  note?: string | undefined;
  /** `YYYY-MM-DD HH:mm:ss` (or `YYYY-MM-DD HH:mm`, sent with `:00`). */
  issueDate?: string | undefined;
  /** `YYYY-MM-DD HH:mm:ss` (or `YYYY-MM-DD HH:mm`, sent with `:00`). */
  dueDate?: string | undefined;
  paymentType?: string | undefined;
  amountReceived?: Amount | undefined;
  alertCustomer?: AlertCustomer | boolean | undefined;
  saleType?: Schemas["SaleDetails"]["sale_type"];
}

export interface PaymentInput extends Abortable {
  amountPaid: Amount;
  paymentType?: string | undefined;
  /** `YYYY-MM-DD HH:mm`, as Update Balance's page writes it. */
  date?: string | undefined;
  alertCustomer?: AlertCustomer | boolean | undefined;
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
  if (!PATH_SEGMENT.test(saleId) || !saleId.isWellFormed()) throw new InputError("saleId", rule, shown(saleId, apiKey));
  return saleId;
}

const alert: Rule = (value, field, apiKey) => {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if ((ALERT_CUSTOMER_VALUES as readonly unknown[]).includes(value)) return value;
  throw new InputError(field, 'must be "yes", "no", true or false', shown(value, apiKey));
};

const ITEM_RULES: Record<string, Rule> = {
  itemId: (value, field, apiKey) => (typeof value === "number" ? count(value, field, apiKey) : text(value, field, apiKey)),
  quantity: numberFrom(0, false),
  price: numberFrom(0, true),
  itemName: text,
  itemType: text,
};

/** KeepUp's samples send the items JSON-encoded, as a string (see SaleItems.yaml). */
const items: Rule = (value, field, apiKey) => {
  if (!Array.isArray(value) || value.length === 0) throw new InputError(field, "must be a non-empty array of items");
  return JSON.stringify(
    value.map((item, index) => toFields(item, `${field}[${index}]`, ITEM_RULES, ["itemId", "quantity", "price"], apiKey)),
  );
};

const LIST_RULES: Record<string, Rule> = {
  dateFrom: day,
  dateTo: day,
  customer: text,
  phoneNumber: text,
  saleNumber: count,
  saleStatus: oneOf(SALE_STATUS_VALUES),
  saleOrigin: oneOf(SALE_ORIGIN_VALUES),
  page: count,
};

const SALE_RULES: Record<string, Rule> = {
  items,
  customerName: text,
  phoneNumber: text,
  customerEmail: email,
  fulfillmentType: text,
  locationName: text,
  location: text,
  lat: coordinate,
  lng: coordinate,
  fulfillmentCost: amount,
  discountType: oneOf(DISCOUNT_TYPE_VALUES),
  discountAmount: amount,
  taxProfile: text,
  note: text,
  issueDate: dateTime,
  dueDate: dateTime,
  paymentType: text,
  amountReceived: amount,
  alertCustomer: alert,
  saleType: oneOf(SALE_TYPE_VALUES),
};

const PAYMENT_RULES: Record<string, Rule> = { amountPaid: amount, paymentType: text, date: dateMinute, alertCustomer: alert };

export function salesResource(perform: ReturnType<typeof createTransport>, apiKey: string) {
  const path = (saleId: unknown) => ({ path: { sale_id: checkSaleId(saleId, apiKey) } });
  const fields = (input: unknown, name: string, rules: Record<string, Rule>, required: string[] = []) =>
    toFields(input, name, rules, required, apiKey) as never;
  const alertCall = (saleId: unknown, options: AlertCustomerOptions) => ({
    params: path(saleId),
    body: options.alertCustomer === undefined ? undefined : { alert_customer: alert(options.alertCustomer, "alertCustomer", apiKey) as AlertCustomer },
    signal: options.signal,
  });
  return {
    /** One page of the sales that match `filters`. KeepUp documents no way to know the last page. */
    async list(filters: ListSalesFilters = {}): Promise<ListSalesResponse> {
      return perform("listSales", { params: { query: fields(filters, "filters", LIST_RULES) }, signal: filters.signal });
    },
    /** The full details of one sale. */
    async get(saleId: string | number, { signal }: Abortable = {}): Promise<FetchSaleResponse> {
      return perform("fetchSale", { params: path(saleId), signal });
    },
    /** Adds a sale. Not idempotent: never sent twice unless KeepUp provably did not get it. */
    async add(sale: SaleInput): Promise<AddSaleResponse> {
      return perform("addSale", { body: fields(sale, "sale", SALE_RULES, ["items"]), signal: sale?.signal });
    },
    /**
     * Changes a sale's details. Edit Sale's table also wants `sale_id` in the body: it is sent
     * there too, a number when it is one.
     */
    async edit(saleId: string | number, changes: SaleInput): Promise<EditSaleResponse> {
      const params = path(saleId);
      const id = Number(params.path.sale_id);
      const body = { sale_id: Number.isSafeInteger(id) && id > 0 ? id : params.path.sale_id, ...fields(changes, "changes", SALE_RULES, ["items"]) as object };
      return perform("editSale", { params, body: body as never, signal: changes?.signal });
    },
    /** Records a payment. Not idempotent: never sent twice unless KeepUp provably did not get it. */
    async updateBalance(saleId: string | number, payment: PaymentInput): Promise<UpdateSaleBalanceResponse> {
      return perform("updateSaleBalance", {
        params: path(saleId),
        body: fields(payment, "payment", PAYMENT_RULES, ["amountPaid"]),
        signal: payment?.signal,
      });
    },
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
