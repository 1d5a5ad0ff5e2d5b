// Menu entries of the deliberation pages.
import type { NavItem } from "../../layout/AppLayout";

export const deliberationNav: NavItem[] = [];
