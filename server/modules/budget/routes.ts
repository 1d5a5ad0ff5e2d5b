// HTTP routes of the budget module.
import { createRouter } from "../../lib/http.js";

export const budgetRoutes = createRouter();
