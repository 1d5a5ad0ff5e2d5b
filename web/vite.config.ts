import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));
// Override with GZ_API_TARGET to develop against a server on another port.
const backend = process.env.GZ_API_TARGET ?? "http://127.0.0.1:3000";

export default defineConfig({
  root: here,
  base: "/",
  plugins: [react()],
  build: {
    outDir: path.resolve(here, "../dist/web"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Vite 8 (rolldown) replacement for Rollup's manualChunks: one chunk per vendor family.
        codeSplitting: {
          groups: [
            { name: "vendor-echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            {
              name: "vendor-react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/,
              priority: 20,
            },
            {
              name: "vendor-antd",
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs|@babel)[\\/]/,
              priority: 10,
            },
            { name: "vendor", test: /node_modules/, priority: 0 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: backend, changeOrigin: false },
      "/healthz": { target: backend, changeOrigin: false },
    },
  },
});
