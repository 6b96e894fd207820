// `@keepup/api/schema`: the types generated from the contract.
export type * from "../generated/schema.js";
