// Import and export (导入导出): residents, households, buildings and grids from .xlsx/.csv with
// whole-file validation and one-transaction commits; filtered lists out to masked, audited .xlsx.
export { transferRoutes } from "./routes.js";
