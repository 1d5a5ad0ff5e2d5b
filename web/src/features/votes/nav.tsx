// Menu entries of the votes pages.
import type { NavItem } from "../../layout/AppLayout";

export const votesNav: NavItem[] = [];
