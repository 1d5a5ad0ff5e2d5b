// Menu entries of the budget pages.
import type { NavItem } from "../../layout/AppLayout";

export const budgetNav: NavItem[] = [];
