// HTTP routes of the projects module.
import { createRouter } from "../../lib/http.js";

export const projectsRoutes = createRouter();
