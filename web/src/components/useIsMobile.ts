import { Grid } from "antd";

/** True below the `md` breakpoint (768px): phones and small tablets. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement all breakpoints are undefined; fall back to window width.
  if (screens.md === undefined) return typeof window !== "undefined" && window.innerWidth < 768;
  return !screens.md;
}
