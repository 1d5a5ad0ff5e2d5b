// Menu entries of the evaluation pages.
import type { NavItem } from "../../layout/AppLayout";

export const evaluationNav: NavItem[] = [];
