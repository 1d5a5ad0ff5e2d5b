// HTTP routes of the evaluation module.
import { createRouter } from "../../lib/http.js";

export const evaluationRoutes = createRouter();
