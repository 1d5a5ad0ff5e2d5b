// HTTP routes of the votes module.
import { createRouter } from "../../lib/http.js";

export const votesRoutes = createRouter();
