// HTTP routes of the deliberation module.
import { createRouter } from "../../lib/http.js";

export const deliberationRoutes = createRouter();
