/** The seed API (api/iothub.md) as its generated table declares it: the runtime's client tests run on it. */
import { iothubApi } from "../../generated/iothub/api.js";

export const seedApi = iothubApi;

/** The seed's catalog as (status, reason code) pairs, read from the same table. */
export const seedCatalog: readonly { readonly status: string; readonly reasonCode: number }[] = Object.entries(
  iothubApi.statuses,
).map(([status, facts]) => ({ status, reasonCode: facts.reasonCode }));
