// Module augmentation: importing `next-auth-refresh-kit/server` types the kit's JWT fields, and
// (as the root entry does) its session fields.
import type { RefreshingJwtFields } from "./types.js";

export type {} from "../sessionTypes.js";

declare module "next-auth/jwt" {
  interface JWT extends RefreshingJwtFields {}
}
