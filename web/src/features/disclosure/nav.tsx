// Menu entries of the disclosure pages.
import type { NavItem } from "../../layout/AppLayout";

export const disclosureNav: NavItem[] = [];
