// HTTP routes of the disclosure module.
import { createRouter } from "../../lib/http.js";

export const disclosureRoutes = createRouter();
