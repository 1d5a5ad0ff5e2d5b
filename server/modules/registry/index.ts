// The base registry (实有人口、实有房屋): areas and grids, buildings, households and residents,
// with the rules for ID numbers, grid geometry and data scope.
export { registryRoutes } from "./routes.js";
