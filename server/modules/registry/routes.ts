import { createRouter } from "../../lib/http.js";
import { areaRoutes } from "./areas.routes.js";
import { gridRoutes } from "./grids.routes.js";
import { placeRoutes } from "./places.routes.js";
import { residentRoutes } from "./residents.routes.js";
import { statsRoutes } from "./stats.routes.js";

export const registryRoutes = createRouter()
  .route("/", areaRoutes)
  .route("/", gridRoutes)
  .route("/", placeRoutes)
  .route("/", residentRoutes)
  .route("/", statsRoutes);
